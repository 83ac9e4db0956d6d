import type { Answers } from '@feedbench/shared';

/** An annotation's answers as plain text: demonstrations as written, other answers as their stored JSON. */
export function AnswerSummary({ answers }: { answers: Answers }) {
  return (
    <dl className="stack">
      {Object.entries(answers).map(([questionId, answer]) => (
        <div key={questionId}>
          <dt>
            <code>{questionId}</code>
          </dt>
          <dd style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {answer.type === 'demonstration' ? answer.text : <code>{JSON.stringify(answer)}</code>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
