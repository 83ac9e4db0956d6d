import {
  DEMONSTRATION_VARIANTS,
  type DemonstrationVariant,
  INSTRUCTGPT_FLAGS,
  NEXT_USER_TURN,
  type Question,
  type QuestionType,
} from '@feedbench/shared';
import { type ReactNode, useId } from 'react';
import { ChoiceListEditor } from './ChoiceListEditor.tsx';
import { ScalePointLabelsEditor } from './ScalePointLabelsEditor.tsx';

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  demonstration: 'Demonstration (write, rewrite, continue)',
  ranking: 'Ranking of outputs',
  pairwise: 'Pairwise A/B preference',
  rating: 'Likert rating per output',
  attributes: 'Multi-attribute scales per output',
  flags: 'Yes/no flags per output',
  rationale: 'Free-text rationale',
  classification: 'Classification of the prompt',
};

const VARIANT_LABELS: Record<DemonstrationVariant, string> = {
  write: 'Write the reply from scratch',
  rewrite: "Rewrite a model's output (with a diff)",
  continue: 'Continue the conversation',
};

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
  const id = useId();
  const set = (patch: Partial<Question>) => onChange({ ...question, ...patch } as Question);
  const name = `Question ${index + 1}`;

  const check = (key: string, label: string, checked: boolean, patch: (v: boolean) => Partial<Question>) => (
    <label className="check" key={key}>
      <input type="checkbox" checked={checked} onChange={(e) => set(patch(e.target.checked))} />
      {label}
    </label>
  );
  const number = (key: string, label: string, value: number, patch: (v: number) => Partial<Question>, max = 10) => (
    <div className="field" key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        min={0}
        max={max}
        value={value}
        onChange={(e) => set(patch(Number(e.target.value)))}
      />
    </div>
  );
  const text = (key: string, label: string, value: string, patch: (v: string) => Partial<Question>) => (
    // `grow` widens the field in a row; in the card's column it would stretch it tall instead.
    <div className={key === 'help' ? 'field' : 'field grow'} key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={value} maxLength={200} onChange={(e) => set(patch(e.target.value))} />
    </div>
  );

  let specific: ReactNode = null;
  switch (question.type) {
    case 'demonstration':
      specific = (
        <div className="row wrap">
          <div className="field">
            <label htmlFor={`${id}-variant`}>Variant</label>
            <select
              id={`${id}-variant`}
              value={question.variant}
              onChange={(e) => set({ variant: e.target.value as DemonstrationVariant })}
            >
              {DEMONSTRATION_VARIANTS.map((v) => (
                <option key={v} value={v}>
                  {VARIANT_LABELS[v]}
                </option>
              ))}
            </select>
          </div>
          {number('min', 'Minimum length', question.minLength, (v) => ({ minLength: v }), 10_000)}
          {question.variant === 'continue' && (
            <div className="field">
              <label htmlFor={`${id}-user-turn`}>User's next turn</label>
              <select
                id={`${id}-user-turn`}
                value={question.nextUserTurn}
                onChange={(e) => set({ nextUserTurn: e.target.value as (typeof NEXT_USER_TURN)[number] })}
              >
                {NEXT_USER_TURN.map((v) => (
                  <option key={v} value={v}>
                    {v === 'off' ? 'Not asked' : v === 'optional' ? 'Optional' : 'Required'}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      );
      break;
    case 'ranking':
      specific = (
        <div className="row wrap">
          {check('ties', 'Allow ties', question.allowTies, (v) => ({ allowTies: v }))}
          {check('bad', 'Offer "all outputs are bad"', question.allowAllBad, (v) => ({ allowAllBad: v }))}
        </div>
      );
      break;
    case 'pairwise':
      specific = (
        <div className="row wrap">
          {check('strength', 'Ask how much better (Llama 2 strengths)', question.askStrength, (v) => ({
            askStrength: v,
          }))}
          {check('tie', 'Allow tie', question.allowTie, (v) => ({ allowTie: v }))}
          {check('both', 'Allow "both are bad"', question.allowBothBad, (v) => ({ allowBothBad: v }))}
          {check('safety', 'Ask safe / unsafe for each output', question.askSafety, (v) => ({ askSafety: v }))}
        </div>
      );
      break;
    case 'rating': {
      // Labels of points the new range leaves out go with them (the template would refuse them).
      const within = (min: number, max: number) => ({
        min,
        max,
        pointLabels: question.pointLabels.filter((p) => p.value >= min && p.value <= max),
      });
      specific = (
        <>
          <div className="row wrap">
            {number('lo', 'From', question.min, (v) => within(v, question.max))}
            {number('hi', 'To', question.max, (v) => within(question.min, v))}
          </div>
          <ScalePointLabelsEditor question={question} onChange={set} />
        </>
      );
      break;
    }
    case 'attributes':
      specific = (
        <>
          <div className="row wrap">
            {number('lo', 'From', question.min, (v) => ({ min: v }))}
            {number('hi', 'To', question.max, (v) => ({ max: v }))}
          </div>
          <ChoiceListEditor
            noun="Attribute"
            choices={question.attributes}
            max={12}
            onChange={(attributes) => set({ attributes })}
          />
        </>
      );
      break;
    case 'flags':
      specific = (
        <>
          <ChoiceListEditor noun="Flag" choices={question.flags} max={20} onChange={(flags) => set({ flags })} />
          <button type="button" className="ghost" onClick={() => set({ flags: INSTRUCTGPT_FLAGS })}>
            Reset to InstructGPT's metadata labels
          </button>
        </>
      );
      break;
    case 'rationale':
      specific = (
        <div className="row">
          {number('min', 'Minimum length', question.minLength, (v) => ({ minLength: v }), 10_000)}
        </div>
      );
      break;
    case 'classification':
      specific = (
        <>
          {check('multi', 'Several labels may apply (multi-label)', question.multiple, (v) => ({ multiple: v }))}
          <ChoiceListEditor
            noun="Option"
            choices={question.options}
            min={2}
            max={30}
            onChange={(options) => set({ options })}
          />
        </>
      );
      break;
  }

  return (
    <li className="card question-editor stack" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h3 id={`${id}-title`}>
          {name}: <span className="badge">{QUESTION_TYPE_LABELS[question.type]}</span>
        </h3>
        <div className="row">
          <button
            type="button"
            className="ghost"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="ghost"
            aria-label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="ghost"
            aria-label={`Remove ${name}`}
            disabled={count === 1}
            onClick={onRemove}
          >
            Remove
          </button>
        </div>
      </div>
      <div className="row wrap">
        {text('label', `${name} label`, question.label, (v) => ({ label: v }))}
        <div className="field">
          <label htmlFor={`${id}-id`}>{name} id</label>
          <input id={`${id}-id`} value={question.id} maxLength={40} onChange={(e) => set({ id: e.target.value })} />
        </div>
        <label className="check">
          <input type="checkbox" checked={question.required} onChange={(e) => set({ required: e.target.checked })} />
          Required
        </label>
      </div>
      {text('help', `${name} help for annotators`, question.help, (v) => ({ help: v }))}
      {specific}
    </li>
  );
}
