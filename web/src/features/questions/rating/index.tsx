import { type QuestionOf, scalePointLabels } from '@feedbench/shared';
import { LikertScale } from '../controls/LikertScale.tsx';
import { SettingNumber } from '../controls/SettingFields.tsx';
import { current, type EditState, knownOutputs, put } from '../edit-state.ts';
import type { QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { ScalePointLabelsEditor } from './ScalePointLabelsEditor.tsx';

export function setRating(state: EditState, question: QuestionOf<'rating'>, outputId: string, value: number) {
  const values = current(state, question.id, 'rating')?.values ?? {};
  return put(state, question.id, { type: 'rating', values: { ...values, [outputId]: value } });
}

/** "4: Acceptable" when the point has a label, else the number. */
function pointText(question: QuestionOf<'rating'> | undefined, value: number): string {
  const label = question ? scalePointLabels(question).find((p) => p.value === value)?.label : '';
  return label ? qt('pointWithLabel', { value, label }) : String(value);
}

export const ratingKind: QuestionKind<'rating'> = {
  get name() {
    return qt('kind_rating');
  },
  placement: 'output',
  judgesOutputs: () => true,
  sampleOutputs: () => ({ atLeast: 3 }),
  Settings: ({ question, id, onChange }) => {
    // Labels of points the new range leaves out go with them (the template would refuse them).
    const within = (min: number, max: number) => ({
      min,
      max,
      pointLabels: question.pointLabels.filter((p) => p.value >= min && p.value <= max),
    });
    return (
      <>
        <div className="row wrap">
          <SettingNumber
            id={`${id}-lo`}
            label={qt('from')}
            value={question.min}
            onChange={(v) => onChange(within(v, question.max))}
          />
          <SettingNumber
            id={`${id}-hi`}
            label={qt('to')}
            value={question.max}
            onChange={(v) => onChange(within(question.min, v))}
          />
        </div>
        <ScalePointLabelsEditor question={question} onChange={onChange} />
      </>
    );
  },
  Input: ({ question, state, update, output }) => {
    if (!output) return null;
    return (
      <div className="question">
        <span className="field-label">{question.label}</span>
        <LikertScale
          label={qt('forOutput', { question: question.label, label: output.label })}
          min={question.min}
          max={question.max}
          pointLabels={scalePointLabels(question)}
          description={question.help}
          value={current(state, question.id, 'rating')?.values[output.id]}
          stopKey={`${question.id}/${output.id}`}
          onChange={(value) => update((s) => setRating(s, question, output.id, value))}
        />
      </div>
    );
  },
  View: ({ question, answer, outputs }) => (
    <ul className="answer-view per-output">
      {outputs.map((o) => (
        <li key={o.id}>
          <span className="output-label">{o.label}</span>{' '}
          {answer.values[o.id] === undefined ? '—' : pointText(question, answer.values[o.id] as number)}
        </li>
      ))}
    </ul>
  ),
  // Reviewers and adjudicators see which output each scale is for (its name says so to screen readers already).
  Field: ({ question, outputs, answer, onChange }) => (
    <div className="stack">
      {outputs.map((o) => (
        <div key={o.id} className="per-output-field">
          <span className="per-output-name" aria-hidden="true">
            {qt('output', { label: o.label })}
          </span>
          <LikertScale
            label={qt('forOutput', { question: question.label, label: o.label })}
            min={question.min}
            max={question.max}
            pointLabels={scalePointLabels(question)}
            value={answer?.values[o.id]}
            stopKey={`${question.id}/${o.id}`}
            onChange={(value) => onChange({ type: 'rating', values: { ...answer?.values, [o.id]: value } })}
          />
        </div>
      ))}
    </div>
  ),
  text: (answer, question, labelOf) =>
    Object.entries(answer.values)
      .map(([id, value]) => `${labelOf(id)}: ${pointText(question, value)}`)
      .join(', '),
  restore: (state, question, saved, outputs) =>
    saved
      ? put(state, question.id, { ...saved, values: knownOutputs(saved.values, new Set(outputs.map((o) => o.id))) })
      : state,
  build(question, state) {
    const answer = current(state, question.id, 'rating');
    return answer && Object.keys(answer.values).length > 0 ? answer : undefined;
  },
  outputCard: null,
};
