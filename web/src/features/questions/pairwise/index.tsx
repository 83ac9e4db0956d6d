import { type AnswerOf, PREFERENCE_STRENGTHS } from '@feedbench/shared';
import { SettingCheck } from '../controls/SettingFields.tsx';
import { knownOutputs } from '../edit-state.ts';
import type { FieldProps, QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { PairwiseQuestion } from './PairwiseQuestion.tsx';
import { setPairwise, setSafety } from './pairwise-state.ts';

const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** "A better (slightly-better); safe: A yes, B no". */
function pairwiseText(answer: AnswerOf<'pairwise'>, labelOf: (id: string) => string): string {
  const label = answer.preferred === undefined ? '?' : labelOf(answer.preferred);
  const verdict =
    answer.verdict === 'preferred'
      ? answer.strength
        ? qt('pairBetterStrength', { label, strength: qt(`strength_${answer.strength}`) })
        : qt('pairBetter', { label })
      : qt(`verdict_${answer.verdict}`);
  const safety = answer.safe
    ? `; ${qt('safeList', {
        list: Object.entries(answer.safe)
          .map(([id, safe]) => `${labelOf(id)} ${safe ? qt('yes') : qt('no')}`)
          .join(', '),
      })}`
    : '';
  return verdict + safety;
}

/** The verdict (an output better, tie, both bad), its strength, and the safety labels when asked. */
function PairwiseField({ question, outputs, answer, onChange }: FieldProps<'pairwise'>) {
  const choice = !answer ? '' : answer.verdict === 'preferred' ? `preferred:${answer.preferred}` : answer.verdict;
  return (
    <div className="row wrap">
      <label className="field">
        {qt('verdict')}
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
              {qt('isBetter', { label: o.label })}
            </option>
          ))}
          {question.allowTie && <option value="tie">{qt('verdict_tie')}</option>}
          {question.allowBothBad && <option value="both-bad">{qt('verdict_both-bad')}</option>}
        </select>
      </label>
      {answer?.verdict === 'preferred' && question.askStrength && (
        <label className="field">
          {qt('strength')}
          <select
            value={answer.strength ?? 'better'}
            onChange={(e) => onChange({ ...answer, strength: e.target.value as AnswerOf<'pairwise'>['strength'] })}
          >
            {PREFERENCE_STRENGTHS.map((s) => (
              <option key={s} value={s}>
                {qt(`strength_${s}`)}
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
            {qt('outputIsSafe', { label: o.label })}
          </label>
        ))}
    </div>
  );
}

export const pairwiseKind: QuestionKind<'pairwise'> = {
  get name() {
    return qt('kind_pairwise');
  },
  placement: 'judgement',
  judgesOutputs: () => true,
  sampleOutputs: () => ({ exactly: 2 }),
  Settings: ({ question, onChange }) => (
    <div className="row wrap">
      <SettingCheck
        label={qt('askStrength')}
        checked={question.askStrength}
        onChange={(v) => onChange({ askStrength: v })}
      />
      <SettingCheck label={qt('allowTie')} checked={question.allowTie} onChange={(v) => onChange({ allowTie: v })} />
      <SettingCheck
        label={qt('allowBothBad')}
        checked={question.allowBothBad}
        onChange={(v) => onChange({ allowBothBad: v })}
      />
      <SettingCheck label={qt('askSafety')} checked={question.askSafety} onChange={(v) => onChange({ askSafety: v })} />
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
