import type { Message, QuestionOf, TaskOutput } from '@feedbench/shared';
import { useId } from 'react';
import { MarkdownEditor } from '../../../components/MarkdownEditor.tsx';
import { MarkdownView } from '../../../components/MarkdownView.tsx';
import { answerStop } from '../controls/answer-focus.ts';
import { TextDiff } from '../controls/TextDiff.tsx';
import { qt } from '../questions.messages.ts';

export const atLeast = (n: number) => (n > 0 ? ` ${qt('atLeast', { count: n })}` : '');

/** Write the ideal reply from scratch, under the prompt. */
export function WriteDemonstration({
  question,
  text,
  onChange,
}: {
  question: QuestionOf<'demonstration'>;
  text: string;
  onChange: (text: string) => void;
}) {
  return (
    <section className="card" aria-label={question.label} {...answerStop(question.id)}>
      <MarkdownEditor
        label={question.label}
        value={text}
        onChange={onChange}
        rows={14}
        hint={`${question.help ? `${question.help} ` : ''}${qt('markdownSupported')}${atLeast(question.minLength)}`}
      />
    </section>
  );
}

/** The conversation goes on: the annotator writes the assistant's turn, and the user's next one when asked. */
export function ContinueConversation({
  question,
  conversation,
  text,
  nextUserTurn,
  onChange,
  onNextUserTurn,
}: {
  question: QuestionOf<'demonstration'>;
  conversation: Message[];
  text: string;
  nextUserTurn: string;
  onChange: (text: string) => void;
  onNextUserTurn: (text: string) => void;
}) {
  const id = useId();
  const last = conversation.at(-1);
  return (
    <section className="card stack continue" aria-label={question.label}>
      <p className="hint">
        {qt('conversationHas', { count: conversation.length, role: qt(`role_${last?.role ?? 'user'}`) })}{' '}
        {question.help}
      </p>
      <div className="turn turn-assistant composer" {...answerStop(question.id)}>
        <MarkdownEditor
          label={qt('assistantTurn', { label: question.label })}
          value={text}
          onChange={onChange}
          rows={10}
          hint={`${qt('markdownSupported')}${atLeast(question.minLength)}`}
        />
      </div>
      {question.nextUserTurn !== 'off' && (
        <div className="turn turn-user composer" {...answerStop(question.id, 'nextUserTurn')}>
          <label htmlFor={`${id}-user`} className="field-label">
            {qt('usersNextMessage')}
            {question.nextUserTurn === 'optional' && <span className="muted"> {qt('optional')}</span>}
          </label>
          <textarea
            id={`${id}-user`}
            rows={4}
            dir="auto"
            value={nextUserTurn}
            onChange={(event) => onNextUserTurn(event.target.value)}
          />
        </div>
      )}
    </section>
  );
}

/** Rewrite a model output: the original beside the edit, and a word diff of the two below. */
export function RewriteDemonstration({
  question,
  outputs,
  sourceOutputId,
  text,
  onChange,
  onSource,
}: {
  question: QuestionOf<'demonstration'>;
  outputs: TaskOutput[];
  sourceOutputId: string | undefined;
  text: string;
  onChange: (text: string) => void;
  onSource: (output: TaskOutput) => void;
}) {
  const id = useId();
  const source = outputs.find((o) => o.id === sourceOutputId) ?? outputs[0];
  if (!source) {
    return (
      <section className="card" aria-label={question.label}>
        <p className="notice error">{qt('noOutputToRewrite')}</p>
      </section>
    );
  }
  return (
    <section className="card stack rewrite" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h2 id={`${id}-title`}>{question.label}</h2>
        {outputs.length > 1 && (
          <div className="field inline">
            <label htmlFor={`${id}-source`}>{qt('rewriteOutput')}</label>
            <select
              id={`${id}-source`}
              value={source.id}
              onChange={(event) => {
                const next = outputs.find((o) => o.id === event.target.value);
                if (next) onSource(next);
              }}
            >
              {outputs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {question.help && <p className="hint">{question.help}</p>}
      <div className="rewrite-columns">
        <section className="rewrite-original" aria-label={qt('originalOutput', { label: source.label })}>
          <h3 className="field-label">{qt('originalHeading', { label: source.label })}</h3>
          <MarkdownView text={source.content} className="output-content" />
        </section>
        <div className="rewrite-edit" {...answerStop(question.id)}>
          <MarkdownEditor
            label={qt('yourRewrite')}
            value={text}
            onChange={onChange}
            rows={14}
            hint={`${qt('rewriteHint')}${atLeast(question.minLength)}`}
          />
        </div>
      </div>
      <details className="rewrite-diff" open>
        <summary>{qt('changes')}</summary>
        <TextDiff original={source.content} edited={text} />
      </details>
    </section>
  );
}
