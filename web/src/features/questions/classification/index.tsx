import type { QuestionOf } from '@feedbench/shared';
import { ChoiceListEditor } from '../controls/ChoiceListEditor.tsx';
import { SettingCheck } from '../controls/SettingFields.tsx';
import { current, type EditState, put } from '../edit-state.ts';
import type { QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { ClassificationQuestion } from './ClassificationQuestion.tsx';

export function toggleOption(state: EditState, question: QuestionOf<'classification'>, optionId: string): EditState {
  const selected = current(state, question.id, 'classification')?.selected ?? [];
  const next = question.multiple
    ? selected.includes(optionId)
      ? selected.filter((s) => s !== optionId)
      : [...selected, optionId]
    : [optionId];
  return put(state, question.id, { type: 'classification', selected: next });
}

const optionLabels = (question: QuestionOf<'classification'> | undefined, selected: string[]) =>
  selected.map((id) => question?.options.find((o) => o.id === id)?.label ?? id).join(', ') || qt('none');

export const classificationKind: QuestionKind<'classification'> = {
  get name() {
    return qt('kind_classification');
  },
  placement: 'prompt',
  judgesOutputs: () => false,
  sampleOutputs: () => null,
  Settings: ({ question, onChange }) => (
    <>
      <SettingCheck label={qt('multiLabel')} checked={question.multiple} onChange={(v) => onChange({ multiple: v })} />
      <ChoiceListEditor
        noun="option"
        choices={question.options}
        min={2}
        max={30}
        onChange={(options) => onChange({ options })}
      />
    </>
  ),
  Input: ({ question, state, update }) => (
    <ClassificationQuestion
      question={question}
      selected={current(state, question.id, 'classification')?.selected ?? []}
      onToggle={(optionId) => update((s) => toggleOption(s, question, optionId))}
    />
  ),
  View: ({ question, answer }) => <span className="answer-view">{optionLabels(question, answer.selected)}</span>,
  Field: ({ question, answer, onChange }) => {
    const selected = new Set(answer?.selected ?? []);
    return (
      <div className="row wrap">
        {question.options.map((option) => (
          <label key={option.id} className="check">
            <input
              type={question.multiple ? 'checkbox' : 'radio'}
              name={`adjudicate-${question.id}`}
              checked={selected.has(option.id)}
              onChange={(e) => {
                const next = question.multiple ? new Set(selected) : new Set<string>();
                if (e.target.checked) next.add(option.id);
                else next.delete(option.id);
                onChange({ type: 'classification', selected: [...next] });
              }}
            />
            {option.label}
          </label>
        ))}
      </div>
    );
  },
  text: (answer, question) => optionLabels(question, answer.selected),
  restore: (state, question, saved) => (saved ? put(state, question.id, saved) : state),
  build(question, state) {
    const answer = current(state, question.id, 'classification');
    return answer && answer.selected.length > 0 ? answer : undefined;
  },
  outputCard: null,
};
