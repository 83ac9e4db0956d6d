import { INSTRUCTGPT_FLAGS } from '@feedbench/shared';
import { ChoiceListEditor } from '../controls/ChoiceListEditor.tsx';
import { current, type EditState, knownOutputs, put } from '../edit-state.ts';
import type { QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { FlagChecklist } from './FlagChecklist.tsx';

export function toggleFlag(state: EditState, questionId: string, outputId: string, flagId: string): EditState {
  const values = current(state, questionId, 'flags')?.values ?? {};
  const flags = values[outputId] ?? [];
  const next = flags.includes(flagId) ? flags.filter((f) => f !== flagId) : [...flags, flagId];
  return put(state, questionId, { type: 'flags', values: { ...values, [outputId]: next } });
}

export const flagsKind: QuestionKind<'flags'> = {
  get name() {
    return qt('kind_flags');
  },
  placement: 'output',
  judgesOutputs: () => true,
  sampleOutputs: () => ({ atLeast: 3 }),
  Settings: ({ question, onChange }) => (
    <>
      <ChoiceListEditor noun="flag" choices={question.flags} max={20} onChange={(flags) => onChange({ flags })} />
      <button type="button" className="ghost" onClick={() => onChange({ flags: INSTRUCTGPT_FLAGS })}>
        {qt('resetFlags')}
      </button>
    </>
  ),
  Input: ({ question, state, update, output }) =>
    output ? (
      <FlagChecklist
        question={question}
        outputId={output.id}
        outputLabel={output.label}
        flagged={current(state, question.id, 'flags')?.values[output.id] ?? []}
        onToggle={(flagId) => update((s) => toggleFlag(s, question.id, output.id, flagId))}
      />
    ) : null,
  View: ({ question, answer, outputs }) => (
    <ul className="answer-view per-output">
      {outputs.map((o) => {
        const flags = answer.values[o.id] ?? [];
        return (
          <li key={o.id}>
            <span className="output-label">{o.label}</span>{' '}
            {flags.length === 0
              ? qt('none')
              : flags.map((f) => question.flags.find((x) => x.id === f)?.label ?? f).join(', ')}
          </li>
        );
      })}
    </ul>
  ),
  // Reviewers and adjudicators see which output each checklist is for.
  Field: ({ question, outputs, answer, onChange }) => (
    <div className="stack">
      {outputs.map((o) => (
        <div key={o.id} className="per-output-field">
          <span className="per-output-name" aria-hidden="true">
            {qt('output', { label: o.label })}
          </span>
          <FlagChecklist
            question={question}
            outputId={o.id}
            outputLabel={o.label}
            flagged={answer?.values[o.id] ?? []}
            onToggle={(flagId) => {
              const values = Object.fromEntries(outputs.map((x) => [x.id, answer?.values[x.id] ?? []]));
              const flags = values[o.id] ?? [];
              values[o.id] = flags.includes(flagId) ? flags.filter((f) => f !== flagId) : [...flags, flagId];
              onChange({ type: 'flags', values });
            }}
          />
        </div>
      ))}
    </div>
  ),
  text: (answer, question, labelOf) =>
    Object.entries(answer.values)
      .map(
        ([id, flags]) =>
          `${labelOf(id)}: ${flags.map((f) => question?.flags.find((x) => x.id === f)?.label ?? f).join(', ') || qt('none')}`,
      )
      .join('; '),
  restore: (state, question, saved, outputs) =>
    saved
      ? put(state, question.id, { ...saved, values: knownOutputs(saved.values, new Set(outputs.map((o) => o.id))) })
      : state,
  // Unticked means "no": every output gets its (possibly empty) list, so flags never block Submit.
  build(question, state, outputIds) {
    const values = current(state, question.id, 'flags')?.values ?? {};
    return { type: 'flags', values: Object.fromEntries(outputIds.map((id) => [id, values[id] ?? []])) };
  },
  outputCard: null,
};
