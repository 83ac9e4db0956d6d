import type { AdjudicationItem, Answers } from '@feedbench/shared';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../lib/api-client.ts';
import { outputsById } from '../../questions/QuestionParts.tsx';
import { useAdjudicationItem } from '../api/get-adjudication-item.ts';
import { useSaveAdjudication } from '../api/save-adjudication.ts';
import { AdjudicationEditor } from './AdjudicationEditor.tsx';
import { AnswerByOutputId } from './AnswerByOutputId.tsx';

/** One disagreed item: the conversation, its outputs by id, every annotation side by side, and the adjudication. */
export function AdjudicationItemView({ projectId, itemId }: { projectId: string; itemId: string }) {
  const item = useAdjudicationItem(projectId, itemId);
  const save = useSaveAdjudication(projectId, itemId);
  // Which answers the editor starts from; a new key resets the editor to them.
  const [start, setStart] = useState<{ key: string; answers: Answers } | undefined>();
  if (item.isPending) return <Loading what="the item" />;
  if (item.isError) return <ErrorNotice error={item.error} title="Could not load the item" />;
  const data = item.data;
  const initial = start ?? {
    key: `saved-${data.adjudication?.revision ?? 0}`,
    answers: data.adjudication?.answers ?? {},
  };
  return (
    <div className="stack">
      <h1>
        Item <code>{data.itemExternalId}</code>
        {data.disagreement !== null && <span className="muted"> · disagreement {data.disagreement.toFixed(2)}</span>}
      </h1>
      <section aria-label="Conversation" className="card stack">
        {data.conversation.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns have no id of their own
          <p key={index} style={{ whiteSpace: 'pre-wrap' }}>
            <strong>{message.role}:</strong> {message.content}
          </p>
        ))}
      </section>
      {data.outputs.length > 0 && (
        <section aria-label="Outputs" className="card stack">
          {data.outputs.map((output) => (
            <div key={output.id}>
              <h3>
                Output <code>{output.id}</code>
              </h3>
              <p style={{ whiteSpace: 'pre-wrap' }}>{output.content}</p>
            </div>
          ))}
        </section>
      )}
      <AnnotationsSideBySide item={data} onStartFrom={(key, answers) => setStart({ key, answers })} />
      <section aria-labelledby="adjudicate-title" className="card stack">
        <h2 id="adjudicate-title">Adjudicated answer</h2>
        {data.adjudication ? (
          <p role="status">
            Adjudicated by {data.adjudication.adjudicatorEmail ?? 'a former member'} on{' '}
            {new Date(data.adjudication.adjudicatedAt).toLocaleString()} (revision {data.adjudication.revision}).
          </p>
        ) : (
          <p className="muted">Not adjudicated yet. Start from one annotator's answer, or fill it in.</p>
        )}
        <AdjudicationEditor
          key={initial.key}
          questions={data.questions}
          outputs={outputsById(data.outputs)}
          initial={initial.answers}
          pending={save.isPending}
          error={save.isError ? errorMessage(save.error) : undefined}
          onSave={(answers) => save.mutate(answers, { onSuccess: () => setStart(undefined) })}
        />
      </section>
    </div>
  );
}

function AnnotationsSideBySide({
  item,
  onStartFrom,
}: {
  item: AdjudicationItem;
  onStartFrom(key: string, answers: Answers): void;
}) {
  return (
    <section aria-labelledby="annotations-title" className="card stack">
      <h2 id="annotations-title">Annotations side by side</h2>
      <div style={{ overflowX: 'auto' }}>
        <table aria-label="Annotations side by side">
          <thead>
            <tr>
              <th scope="col">Question</th>
              {item.annotations.map((a) => (
                <th key={a.annotationId} scope="col">
                  {a.annotator}
                  {a.verdict && <span className={`badge verdict-${a.verdict}`}>{a.verdict}</span>}
                </th>
              ))}
              {item.adjudication && <th scope="col">Adjudicated</th>}
            </tr>
          </thead>
          <tbody>
            {item.questions.map((question) => (
              <tr key={question.id}>
                <th scope="row">{question.label}</th>
                {item.annotations.map((a) => (
                  <td key={a.annotationId}>
                    <AnswerByOutputId question={question} answer={a.answers[question.id]} />
                  </td>
                ))}
                {item.adjudication && (
                  <td>
                    <AnswerByOutputId question={question} answer={item.adjudication.answers[question.id]} />
                  </td>
                )}
              </tr>
            ))}
            <tr>
              <th scope="row">Start from</th>
              {item.annotations.map((a) => (
                <td key={a.annotationId}>
                  <button
                    type="button"
                    onClick={() => onStartFrom(`${a.annotationId}-${Date.now()}`, a.answers)}
                    aria-label={`Start from ${a.annotator}'s answer`}
                  >
                    Use this answer
                  </button>
                </td>
              ))}
              {item.adjudication && <td />}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
