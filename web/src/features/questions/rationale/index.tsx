import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { SettingNumber } from '../controls/SettingFields.tsx';
import { setText } from '../demonstration/demonstration-state.ts';
import { current, put } from '../edit-state.ts';
import type { QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { RationaleQuestion } from './RationaleQuestion.tsx';

export const rationaleKind: QuestionKind<'rationale'> = {
  get name() {
    return qt('kind_rationale');
  },
  placement: 'closing',
  judgesOutputs: () => false,
  sampleOutputs: () => null,
  Settings: ({ question, id, onChange }) => (
    <div className="row">
      <SettingNumber
        id={`${id}-min`}
        label={qt('minimumLength')}
        value={question.minLength}
        max={10_000}
        onChange={(v) => onChange({ minLength: v })}
      />
    </div>
  ),
  Input: ({ question, state, update }) => (
    <RationaleQuestion
      question={question}
      text={current(state, question.id, 'rationale')?.text ?? ''}
      onChange={(text) => update((s) => setText(s, question, text))}
    />
  ),
  View: ({ answer }) => <MarkdownView text={answer.text} className="answer-view" />,
  Field: ({ question, answer, onChange, label }) => (
    <textarea
      aria-label={label ?? question.label}
      dir="auto"
      rows={4}
      value={answer?.text ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : { type: 'rationale', text: e.target.value })}
    />
  ),
  text: (answer) => answer.text,
  restore: (state, question, saved) => (saved ? put(state, question.id, saved) : state),
  build(question, state) {
    const answer = current(state, question.id, 'rationale');
    return answer && answer.text.trim() !== '' ? answer : undefined;
  },
  outputCard: null,
};
