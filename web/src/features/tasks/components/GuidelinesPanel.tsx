import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { useMessages } from '../../../i18n/messages.ts';
import { taskMessages } from '../tasks.messages.ts';

/** The project's guidelines, folded away until needed; the G key toggles them (see TaskForm). */
export function GuidelinesPanel({
  guidelines,
  open,
  onToggle,
}: {
  guidelines: string;
  open: boolean;
  onToggle: () => void;
}) {
  const t = useMessages(taskMessages);
  return (
    <section className="card guidelines" aria-label={t('guidelines')}>
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls="guidelines-body"
        onClick={onToggle}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('guidelines')} <kbd>G</kbd>
      </button>
      <div id="guidelines-body" hidden={!open}>
        {guidelines.trim() ? <MarkdownView text={guidelines} /> : <p className="muted">{t('noGuidelines')}</p>}
      </div>
    </section>
  );
}
