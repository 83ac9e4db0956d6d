import { lazy, Suspense, useId, useState } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { componentMessages } from './components.messages.ts';

// The renderer is the heaviest dependency of the app: load it when a preview is first shown.
const MarkdownView = lazy(() => import('./MarkdownView.tsx').then((m) => ({ default: m.MarkdownView })));

interface MarkdownEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  placeholder?: string;
  hint?: string;
  autoFocus?: boolean;
}

/** A textarea with a Write / Preview switch; the preview is the same sanitized renderer annotators see. */
export function MarkdownEditor({
  label,
  value,
  onChange,
  rows = 10,
  placeholder,
  hint,
  autoFocus,
}: MarkdownEditorProps) {
  const t = useMessages(componentMessages);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const id = useId();
  const textareaId = `${id}-text`;
  const hintId = `${id}-hint`;
  return (
    <div className="md-editor">
      <div className="md-editor-head">
        <label htmlFor={textareaId} className="field-label">
          {label}
        </label>
        <div className="segmented" role="tablist" aria-label={t('modeLabel', { label })}>
          {(['write', 'preview'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="tab"
              aria-selected={mode === m}
              aria-controls={`${id}-${m}`}
              className={mode === m ? 'active' : undefined}
              onClick={() => setMode(m)}
            >
              {t(m)}
            </button>
          ))}
        </div>
      </div>
      {/* The textarea stays mounted (hidden) in preview so its label and value remain reachable. */}
      <div id={`${id}-write`} role="tabpanel" hidden={mode !== 'write'}>
        <textarea
          id={textareaId}
          dir="auto"
          value={value}
          rows={rows}
          placeholder={placeholder}
          aria-describedby={hint ? hintId : undefined}
          // biome-ignore lint/a11y/noAutofocus: the editor is the one thing on the page to type into
          autoFocus={autoFocus}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      <div id={`${id}-preview`} role="tabpanel" aria-label={t('previewLabel', { label })} hidden={mode !== 'preview'}>
        {mode === 'preview' &&
          (value.trim() ? (
            <Suspense fallback={<p className="muted">{t('rendering')}</p>}>
              <MarkdownView text={value} className="preview" />
            </Suspense>
          ) : (
            <p className="muted">{t('nothingToPreview')}</p>
          ))}
      </div>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
