import {
  newQuestion,
  type Project,
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  questionsSchema,
  sameQuestions,
  TEMPLATE_PRESETS,
} from '@feedbench/shared';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { formIssueText } from '../../../lib/form-issues.ts';
import { slugId } from '../../questions/controls/ChoiceListEditor.tsx';
import { useUpdateProject } from '../api/update-project.ts';
import { projectMessages } from '../projects.messages.ts';
import { usePresetDescription, usePresetName } from './preset-description.ts';
import { QuestionEditor, questionTypeLabel } from './QuestionEditor.tsx';

interface TemplateBuilderProps {
  project: Project;
  /** The annotator view for these questions (composed by the route: the preview belongs to the tasks feature). */
  renderPreview: (questions: Question[]) => ReactNode;
}

/**
 * The researcher's template editor: start from a preset or from scratch, add, reorder and configure questions, and
 * see the annotator view update as they type. Nothing reaches annotators until Save, which makes a new template
 * version (annotations record the version they were made under).
 */
export function TemplateBuilder({ project, renderPreview }: TemplateBuilderProps) {
  const t = useMessages(projectMessages);
  const presetDescription = usePresetDescription();
  const presetName = usePresetName();
  const id = useId();
  const [draft, setDraft] = useState<Question[]>(project.settings.questions);
  const [preset, setPreset] = useState(TEMPLATE_PRESETS[0]?.id ?? '');
  const [addType, setAddType] = useState<QuestionType>('rating');
  const [notice, setNotice] = useState('');
  /** Asking before a preset replaces the questions; the questions it replaced, for Undo. */
  const [confirmingPreset, setConfirmingPreset] = useState(false);
  const [beforePreset, setBeforePreset] = useState<Question[] | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmingPreset) confirmRef.current?.focus();
  }, [confirmingPreset]);
  const update = useUpdateProject(project.id);
  const parsed = questionsSchema.safeParse(draft);
  const dirty = !sameQuestions(draft, project.settings.questions);
  const chosenPreset = TEMPLATE_PRESETS.find((p) => p.id === preset);

  const change = (next: Question[]) => {
    setDraft(next);
    setNotice('');
    setBeforePreset(null);
  };
  const move = (index: number, delta: -1 | 1) => {
    const next = [...draft];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + delta, 0, moved);
    change(next);
  };

  function applyPreset() {
    if (!chosenPreset) return;
    // Nothing to lose: an empty template, or the preset's questions already.
    if (draft.length === 0 || sameQuestions(draft, chosenPreset.questions)) confirmPreset();
    else setConfirmingPreset(true);
  }
  function confirmPreset() {
    if (!chosenPreset) return;
    const previous = draft;
    change(chosenPreset.questions);
    setBeforePreset(previous);
    setConfirmingPreset(false);
    setNotice(t('appliedPreset', { name: presetName(chosenPreset) }));
  }
  function undoPreset() {
    if (!beforePreset) return;
    change(beforePreset);
    setNotice(t('restoredBeforePreset'));
  }
  // A ranking project needs a question that orders its outputs; a preset without one would leave it without rankings.
  const presetDropsRanking =
    project.kind === 'ranking' &&
    !!chosenPreset &&
    !chosenPreset.questions.some((q) => q.type === 'ranking' || q.type === 'pairwise');
  function addQuestion() {
    change([
      ...draft,
      newQuestion(
        addType,
        slugId(
          addType,
          draft.map((q) => q.id),
        ),
      ),
    ]);
  }
  function save() {
    if (!parsed.success) return;
    update.mutate(
      { questions: parsed.data },
      {
        onSuccess: (saved) => {
          setDraft(saved.settings.questions);
          setNotice(t('savedAsVersion', { version: saved.templateVersion }));
        },
      },
    );
  }

  return (
    <div className="template-builder stack">
      <section className="card stack" aria-labelledby={`${id}-presets`}>
        <div className="section-head">
          <h2 id={`${id}-presets`}>{t('startFromPreset')}</h2>
          <span className="muted">{t('templateVersion', { version: project.templateVersion })}</span>
        </div>
        <div className="row align-end wrap">
          <div className="field grow">
            <label htmlFor={`${id}-preset`}>{t('preset')}</label>
            <select id={`${id}-preset`} value={preset} onChange={(e) => setPreset(e.target.value)}>
              {TEMPLATE_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {presetName(p)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={applyPreset} disabled={confirmingPreset}>
            {t('applyPreset')}
          </button>
        </div>
        {confirmingPreset && chosenPreset && (
          <fieldset className="notice warning stack" aria-describedby={`${id}-preset-confirm`}>
            <legend className="visually-hidden">{t('replaceQuestionsLegend')}</legend>
            <p id={`${id}-preset-confirm`}>
              <strong>{t('replaceQuestionsAsk', { count: draft.length, name: presetName(chosenPreset) })}</strong>{' '}
              {t('wouldBeRemoved', { labels: draft.map((q) => `“${q.label}”`).join(', ') })}
              {presetDropsRanking && ` ${t('presetDropsRanking')}`}
            </p>
            <div className="actions">
              <button type="button" className="primary" ref={confirmRef} onClick={confirmPreset}>
                {t('replaceQuestions')}
              </button>
              <button type="button" onClick={() => setConfirmingPreset(false)}>
                {t('keepMyQuestions')}
              </button>
            </div>
          </fieldset>
        )}
        {chosenPreset && (
          <p className="hint">
            {presetDescription(chosenPreset)}
            {chosenPreset.kind !== project.kind &&
              ` ${t('madeForKind', { presetKind: t(`kind_${chosenPreset.kind}`), projectKind: t(`kind_${project.kind}`) })}`}
          </p>
        )}
      </section>

      <section className="stack" aria-labelledby={`${id}-questions`}>
        <h2 id={`${id}-questions`}>{t('questions')}</h2>
        <ol className="question-list stack">
          {draft.map((question, index) => (
            <QuestionEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: ids are editable, positions are what the list shows
              key={index}
              question={question}
              index={index}
              count={draft.length}
              onChange={(next) => change(draft.map((q, i) => (i === index ? next : q)))}
              onMove={(delta) => move(index, delta)}
              onRemove={() => change(draft.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
        <div className="card row align-end wrap">
          <div className="field grow">
            <label htmlFor={`${id}-add-type`}>{t('newQuestionType')}</label>
            <select id={`${id}-add-type`} value={addType} onChange={(e) => setAddType(e.target.value as QuestionType)}>
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {questionTypeLabel(type)}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={addQuestion} disabled={draft.length >= 50}>
            {t('addQuestion')}
          </button>
        </div>
      </section>

      <section className="card stack save-bar" aria-label={t('saveTheTemplate')}>
        {!parsed.success && (
          <div className="notice error" role="alert">
            <strong>{t('fixBeforeSaving')}</strong>
            <ul>
              {parsed.error.issues.map((issue) => (
                <li key={`${issue.path.join('.')}:${issue.message}`}>
                  {typeof issue.path[0] === 'number'
                    ? t('questionProblem', {
                        n: issue.path[0] + 1,
                        message: formIssueText({ ...issue, path: issue.path.slice(1) }),
                      })
                    : formIssueText(issue)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {update.isError && (
          <p className="notice error" role="alert">
            {errorMessage(update.error)}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!dirty || !parsed.success || update.isPending}
            onClick={save}
          >
            {update.isPending ? t('saving') : t('saveTemplate')}
          </button>
          <button type="button" className="ghost" disabled={!dirty} onClick={() => change(project.settings.questions)}>
            {t('discardChanges')}
          </button>
          <span role="status" className="muted">
            {notice || (dirty ? t('unsavedChanges') : '')}
          </span>
          {beforePreset && (
            <button type="button" onClick={undoPreset}>
              {t('undoPreset')}
            </button>
          )}
        </div>
        <p className="hint">{t('savingMakesVersion', { version: project.templateVersion + 1 })}</p>
      </section>

      <section className="card stack preview-frame" aria-labelledby={`${id}-preview`}>
        <div className="section-head">
          <h2 id={`${id}-preview`}>{t('annotatorPreview')}</h2>
          <span className="muted">{t('previewNote')}</span>
        </div>
        {parsed.success ? renderPreview(parsed.data) : <p className="muted">{t('fixToPreview')}</p>}
      </section>
    </div>
  );
}
