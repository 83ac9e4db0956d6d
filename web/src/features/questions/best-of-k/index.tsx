import type { AnswerOf } from '@feedbench/shared';
import { SettingCheck } from '../controls/SettingFields.tsx';
import { current, type EditState, put } from '../edit-state.ts';
import type { QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { BestOfKChoice } from './BestOfKChoice.tsx';

export function chooseBest(state: EditState, questionId: string, choice: string | null): EditState {
  return put(state, questionId, { type: 'best-of-k', choice });
}

function bestText(answer: AnswerOf<'best-of-k'>, labelOf: (id: string) => string): string {
  return answer.choice === null ? qt('noneAcceptable') : qt('output', { label: labelOf(answer.choice) });
}

export const bestOfKKind: QuestionKind<'best-of-k'> = {
  get name() {
    return qt('kind_best-of-k');
  },
  placement: 'judgement',
  judgesOutputs: () => true,
  sampleOutputs: () => ({ atLeast: 3 }),
  Settings: ({ question, onChange }) => (
    <div className="row wrap">
      <SettingCheck label={qt('offerNone')} checked={question.allowNone} onChange={(v) => onChange({ allowNone: v })} />
    </div>
  ),
  Input: ({ question, state, update, outputs }) => (
    <section className="card best-of-k stack" aria-label={question.label}>
      <h2>{question.label}</h2>
      {question.help && <p className="hint">{question.help}</p>}
      <BestOfKChoice
        question={question}
        outputs={outputs}
        choice={current(state, question.id, 'best-of-k')?.choice}
        onChoose={(choice) => update((s) => chooseBest(s, question.id, choice))}
        keyboard
      />
      <p className="hint">
        {qt('press')} <kbd>1</kbd>–<kbd>{Math.min(outputs.length + (question.allowNone ? 1 : 0), 9)}</kbd>{' '}
        {question.allowNone ? qt('toChooseBestNone', { none: qt('noneAcceptable') }) : qt('toChooseBest')}
      </p>
    </section>
  ),
  View: ({ answer, outputs }) => (
    <span className="answer-view">{bestText(answer, (id) => outputs.find((o) => o.id === id)?.label ?? id)}</span>
  ),
  Field: ({ question, outputs, answer, onChange }) => (
    <BestOfKChoice
      question={question}
      outputs={outputs}
      choice={answer?.choice}
      onChoose={(choice) => onChange({ type: 'best-of-k', choice })}
    />
  ),
  text: (answer, _question, labelOf) => bestText(answer, labelOf),
  restore(state, question, saved, outputs) {
    if (!saved || (saved.choice !== null && !outputs.some((o) => o.id === saved.choice))) return state;
    return put(state, question.id, saved);
  },
  build: (question, state) => current(state, question.id, 'best-of-k'),
  outputCard: null,
};
