import { type ItemDetailResponse, SKIP_REASON_LABELS } from '@feedbench/shared';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { answerText } from '../../questions/QuestionParts.tsx';
import { useItem } from '../api/get-item.ts';

function Annotations({ detail }: { detail: ItemDetailResponse }) {
  if (detail.annotations.length === 0) return <p className="muted">No annotation yet.</p>;
  return (
    <ul className="stack" aria-label="Annotations">
      {detail.annotations.map((annotation) => (
        <li key={annotation.id} className="card stack">
          <div className="row space-between">
            <strong>{annotation.annotatorEmail}</strong>
            <span className="muted">{new Date(annotation.submittedAt).toLocaleString()}</span>
          </div>
          <dl>
            {Object.entries(annotation.answers).map(([questionId, answer]) => (
              <div key={questionId} className="row">
                <dt>{questionId}</dt>
                {/* The item's template is not in the response: each answer in its type's one line, outputs by id. */}
                <dd>{answerText(undefined, answer)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">Shown in the order {annotation.displayOrder.join(', ')}</p>
          {annotation.review && (
            <p>
              Review: <span className="badge">{annotation.review.verdict}</span> {annotation.review.comment}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The selected item: prompt, outputs, every annotation with its annotator and verdict, and its skips. */
export function ItemDetail({ projectId, itemId }: { projectId: string; itemId: string }) {
  const item = useItem(projectId, itemId);
  if (item.isPending) return <Loading what="the item" />;
  if (item.isError) return <ErrorNotice error={item.error} title="Could not load the item" />;
  const { item: detail } = item.data;
  return (
    <section className="card stack" aria-labelledby="item-detail-title">
      <h2 id="item-detail-title">Item {detail.externalId}</h2>
      <p className="muted">
        {detail.annotations} of {detail.overlapTarget} annotations
        {detail.gold && ' · gold'}
        {detail.skips > 0 && ` · skipped ${detail.skips}×`}
      </p>
      <h3>Prompt</h3>
      {detail.conversation.map((message, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a conversation's turns never reorder
        <p key={i} className="item-message">
          <strong>{message.role}:</strong> {message.content}
        </p>
      ))}
      {detail.outputs.length > 0 && (
        <>
          <h3>Outputs</h3>
          <ul className="stack" aria-label="Outputs">
            {detail.outputs.map((output) => (
              <li key={output.id}>
                <strong>
                  {output.id}
                  {output.model ? ` (${output.model})` : ''}
                </strong>
                <p className="item-message">{output.content}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Annotations</h3>
      <Annotations detail={item.data} />
      {item.data.skips.length > 0 && (
        <>
          <h3>Skips</h3>
          <ul aria-label="Skips">
            {item.data.skips.map((skip) => (
              <li key={skip.annotatorEmail}>
                {skip.annotatorEmail}: {SKIP_REASON_LABELS[skip.reason]}
                {skip.comment ? `: ${skip.comment}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
