import { DEMONSTRATION_VARIANTS, type DemonstrationVariant, NEXT_USER_TURN } from '@feedbench/shared';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { SettingNumber } from '../controls/SettingFields.tsx';
import { TextDiff } from '../controls/TextDiff.tsx';
import { current, put } from '../edit-state.ts';
import type { QuestionKind } from '../question-kind.ts';
import { qt } from '../questions.messages.ts';
import { setNextUserTurn, setRewriteSource, setText } from './demonstration-state.ts';
import { ContinueConversation, RewriteDemonstration, WriteDemonstration } from './TextQuestions.tsx';

export const demonstrationKind: QuestionKind<'demonstration'> = {
  get name() {
    return qt('kind_demonstration');
  },
  placement: 'reply',
  judgesOutputs: () => false,
  sampleOutputs: (question) => (question.variant === 'rewrite' ? { atLeast: 1 } : null),
  Settings: ({ question, id, onChange }) => (
    <div className="row wrap">
      <div className="field">
        <label htmlFor={`${id}-variant`}>{qt('variant')}</label>
        <select
          id={`${id}-variant`}
          value={question.variant}
          onChange={(e) => onChange({ variant: e.target.value as DemonstrationVariant })}
        >
          {DEMONSTRATION_VARIANTS.map((v) => (
            <option key={v} value={v}>
              {qt(`variant_${v}`)}
            </option>
          ))}
        </select>
      </div>
      <SettingNumber
        id={`${id}-min`}
        label={qt('minimumLength')}
        value={question.minLength}
        max={10_000}
        onChange={(v) => onChange({ minLength: v })}
      />
      {question.variant === 'continue' && (
        <div className="field">
          <label htmlFor={`${id}-user-turn`}>{qt('usersNextTurn')}</label>
          <select
            id={`${id}-user-turn`}
            value={question.nextUserTurn}
            onChange={(e) => onChange({ nextUserTurn: e.target.value as (typeof NEXT_USER_TURN)[number] })}
          >
            {NEXT_USER_TURN.map((v) => (
              <option key={v} value={v}>
                {qt(`nextTurn_${v}`)}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  ),
  Input: ({ question, state, update, outputs, conversation }) => {
    const demonstration = current(state, question.id, 'demonstration');
    const onChange = (text: string) => update((s) => setText(s, question, text));
    if (question.variant === 'rewrite') {
      return (
        <RewriteDemonstration
          question={question}
          outputs={outputs}
          sourceOutputId={demonstration?.sourceOutputId}
          text={demonstration?.text ?? ''}
          onChange={onChange}
          onSource={(output) => update((s) => setRewriteSource(s, question.id, output))}
        />
      );
    }
    if (question.variant === 'continue') {
      return (
        <ContinueConversation
          question={question}
          conversation={conversation}
          text={demonstration?.text ?? ''}
          nextUserTurn={demonstration?.nextUserTurn ?? ''}
          onChange={onChange}
          onNextUserTurn={(text) => update((s) => setNextUserTurn(s, question.id, text))}
        />
      );
    }
    return <WriteDemonstration question={question} text={demonstration?.text ?? ''} onChange={onChange} />;
  },
  View: ({ answer, outputs }) => {
    const source = outputs.find((o) => o.id === answer.sourceOutputId);
    return (
      <div className="answer-view stack">
        {source ? (
          <>
            <p className="muted">{qt('rewriteOf', { label: source.label })}</p>
            <TextDiff original={source.content} edited={answer.text} />
          </>
        ) : (
          <MarkdownView text={answer.text} />
        )}
        {answer.nextUserTurn && (
          <>
            <p className="muted">{qt('usersNextMessageView')}</p>
            <MarkdownView text={answer.nextUserTurn} />
          </>
        )}
      </div>
    );
  },
  Field: ({ question, answer, onChange, label }) => (
    <textarea
      aria-label={label ?? question.label}
      dir="auto"
      rows={6}
      value={answer?.text ?? ''}
      onChange={(e) =>
        onChange(
          e.target.value === '' && !answer?.nextUserTurn
            ? undefined
            : { type: 'demonstration', ...answer, text: e.target.value },
        )
      }
    />
  ),
  text: (answer) => answer.text,
  restore(state, question, saved, outputs) {
    if (saved) return put(state, question.id, saved);
    const [first] = outputs;
    // A rewrite starts from the output itself: the annotator edits rather than retypes.
    if (question.variant === 'rewrite' && first) {
      return put(state, question.id, { type: 'demonstration', text: first.content, sourceOutputId: first.id });
    }
    return state;
  },
  build(question, state) {
    const answer = current(state, question.id, 'demonstration');
    return answer && (answer.text.trim() !== '' || (answer.nextUserTurn ?? '').trim() !== '') ? answer : undefined;
  },
  outputCard: null,
};
