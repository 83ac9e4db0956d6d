import type { Question, QuestionType } from '@feedbench/shared';
import { useId } from 'react';
import { useMessages } from '../../../i18n/messages.ts';
import { QuestionSettings } from '../../questions/QuestionParts.tsx';
import { QUESTION_KINDS } from '../../questions/registry.ts';
import { projectMessages } from '../projects.messages.ts';

/** A question type's name in the builder, in the UI language (read when rendering, never cached). */
export const questionTypeLabel = (type: QuestionType): string => QUESTION_KINDS[type].name;

interface QuestionEditorProps {
  question: Question;
  index: number;
  count: number;
  onChange: (question: Question) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One question of the template: its common fields, then what its type lets the researcher configure. */
export function QuestionEditor({ question, index, count, onChange, onMove, onRemove }: QuestionEditorProps) {
  const t = useMessages(projectMessages);
  const id = useId();
  const set = (patch: Partial<Question>) => onChange({ ...question, ...patch } as Question);
  const name = t('questionN', { n: index + 1 });

  const text = (key: string, label: string, value: string, patch: (v: string) => Partial<Question>) => (
    // `grow` widens the field in a row; in the card's column it would stretch it tall instead.
    <div className={key === 'help' ? 'field' : 'field grow'} key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        dir="auto"
        value={value}
        maxLength={200}
        onChange={(e) => set(patch(e.target.value))}
      />
    </div>
  );

  return (
    <li className="card question-editor stack" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h3 id={`${id}-title`}>
          {name}: <span className="badge">{questionTypeLabel(question.type)}</span>
        </h3>
        <div className="row">
          <button
            type="button"
            className="ghost"
            aria-label={t('moveUp', { name })}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="ghost"
            aria-label={t('moveDown', { name })}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="ghost"
            aria-label={t('removeName', { name })}
            disabled={count === 1}
            onClick={onRemove}
          >
            {t('remove')}
          </button>
        </div>
      </div>
      <div className="row wrap">
        {text('label', t('questionLabel', { name }), question.label, (v) => ({ label: v }))}
        <div className="field">
          <label htmlFor={`${id}-id`}>{t('questionId', { name })}</label>
          <input id={`${id}-id`} value={question.id} maxLength={40} onChange={(e) => set({ id: e.target.value })} />
        </div>
        <label className="check">
          <input type="checkbox" checked={question.required} onChange={(e) => set({ required: e.target.checked })} />
          {t('required')}
        </label>
      </div>
      {text('help', t('questionHelp', { name }), question.help, (v) => ({ help: v }))}
      <QuestionSettings question={question} id={id} onChange={set} />
    </li>
  );
}
