import { type AnswerOf, PREFERENCE_STRENGTHS } from '@feedbench/shared';
import { SettingCheck } from '../controls/SettingFields.tsx';
import { knownOutputs } from '../edit-state.ts';
import type { FieldProps, QuestionKind } from '../question-kind.ts';
import { PairwiseQuestion } from './PairwiseQuestion.tsx';
import { setPairwise, setSafety } from './pairwise-state.ts';

const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** "A better (slightly-better); safe: A yes, B no". */
function pairwiseText(answer: AnswerOf<'pairwise'>, labelOf: (id: string) => string): string {
  const verdict =
    answer.verdict === 'preferred'
      ? `${answer.preferred === undefined ? '?' : labelOf(answer.preferred)} better${answer.strength ? ` (${answer.strength})` : ''}`
      : answer.verdict;
  const safety = answer.safe
    ? `; safe: ${Object.entries(answer.safe)
        .map(([id, safe]) => `${labelOf(id)} ${safe ? 'yes' : 'no'}`)
        .join(', ')}`
    : '';
  return verdict + safety;
}

/** The verdict (an output better, tie, both bad), its strength, and the safety labels when asked. */
function PairwiseField({ question, outputs, answer, onChange }: FieldProps<'pairwise'>) {
  const choice = !answer ? '' : answer.verdict === 'preferred' ? `preferred:${answer.preferred}` : answer.verdict;
  return (
    <div className="row wrap">
      <label className="field">
        Verdict
        <select
          value={choice}
          onChange={(e) => {
            const value = e.target.value;
            if (value === '') return onChange(undefined);
            const [verdict, preferred] = value.split(':') as [AnswerOf<'pairwise'>['verdict'], string | undefined];
            onChange({
              type: 'pairwise',
              verdict,
              ...(preferred ? { preferred } : {}),
              ...(verdict === 'preferred' && question.askStrength ? { strength: answer?.strength ?? 'better' } : {}),
              ...(answer?.safe ? { safe: answer.safe } : {}),
            });
          }}
        >
          <option value="">—</option>
          {outputs.map((o) => (
            <option key={o.id} value={`preferred:${o.id}`}>
              {o.label} is better
            </option>
          ))}
          {question.allowTie && <option value="tie">tie</option>}
          {question.allowBothBad && <option value="both-bad">both bad</option>}
        </select>
      </label>
      {answer?.verdict === 'preferred' && question.askStrength && (
        <label className="field">
          Strength
          <select
            value={answer.strength ?? 'better'}
            onChange={(e) => onChange({ ...answer, strength: e.target.value as AnswerOf<'pairwise'>['strength'] })}
          >
            {PREFERENCE_STRENGTHS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      {question.askSafety &&
        answer &&
        outputs.map((o) => (
          <label key={o.id} className="check">
            <input
              type="checkbox"
              checked={answer.safe?.[o.id] ?? false}
              onChange={(e) => onChange({ ...answer, safe: { ...answer.safe, [o.id]: e.target.checked } })}
            />
            Output {o.label} is safe
          </label>
        ))}
    </div>
  );
}

export const pairwiseKind: QuestionKind<'pairwise'> = {
  name: 'Pairwise A/B preference',
  placement: 'judgement',
  judgesOutputs: () => true,
  sampleOutputs: () => ({ exactly: 2 }),
  Settings: ({ question, onChange }) => (
    <div className="row wrap">
      <SettingCheck
        label="Ask how much better (Llama 2 strengths)"
        checked={question.askStrength}
        onChange={(v) => onChange({ askStrength: v })}
      />
      <SettingCheck label="Allow tie" checked={question.allowTie} onChange={(v) => onChange({ allowTie: v })} />
      <SettingCheck
        label='Allow "both are bad"'
        checked={question.allowBothBad}
        onChange={(v) => onChange({ allowBothBad: v })}
      />
      <SettingCheck
        label="Ask safe / unsafe for each output"
        checked={question.askSafety}
        onChange={(v) => onChange({ askSafety: v })}
      />
    </div>
  ),
  Input: ({ question, state, update, outputs }) => (
    <PairwiseQuestion
      question={question}
      outputs={outputs}
      choice={state.pairwise[question.id]?.choice}
      safe={state.pairwise[question.id]?.safe ?? {}}
      onChoose={(choice) => update((s) => setPairwise(s, question.id, choice))}
      onSafety={(outputId, safe) => update((s) => setSafety(s, question.id, outputId, safe))}
    />
  ),
  View: ({ answer, outputs }) => (
    <span className="answer-view">{pairwiseText(answer, (id) => outputs.find((o) => o.id === id)?.label ?? id)}</span>
  ),
  Field: PairwiseField,
  text: (answer, _question, labelOf) => pairwiseText(answer, labelOf),
  restore(state, question, saved, outputs) {
    if (!saved) return state;
    const known = new Set(outputs.map((o) => o.id));
    const { verdict, preferred, strength, safe = {} } = saved;
    const preferredKnown = preferred === undefined || known.has(preferred);
    return {
      ...state,
      pairwise: {
        ...state.pairwise,
        [question.id]: {
          ...(preferredKnown ? { choice: { verdict, preferred, strength } } : {}),
          safe: knownOutputs(safe, known),
        },
      },
    };
  },
  build(question, state) {
    const { choice, safe = {} } = state.pairwise[question.id] ?? {};
    const labels = Object.keys(safe).length > 0 ? { safe } : {};
    return choice ? { type: 'pairwise', ...dropUndefined(choice), ...labels } : undefined;
  },
  outputCard: null,
};
