import type { ItemDetailResponse } from '@feedbench/shared';
import { componentMessages } from '../../../components/components.messages.ts';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { answerText } from '../../questions/QuestionParts.tsx';
import { useItem } from '../api/get-item.ts';
import { itemMessages } from '../items.messages.ts';

type DetailOutput = ItemDetailResponse['item']['outputs'][number];

/** Where an output and its reward score came from: the generation call and the scoring job, when there were any. */
function OutputSources({ output }: { output: DetailOutput }) {
  const t = useMessages(itemMessages);
  const format = useFormat();
  const { provenance, score, scoreProvenance } = output;
  if (!provenance && score === null) return null;
  // Connection and model names are what people typed: isolated in their own direction.
  return (
    <dl className="output-sources muted">
      {provenance && (
        <div className="row">
          <dt>{t('generatedBy')}</dt>
          <dd>
            <bdi dir="auto">
              {provenance.connectionName} ({provenance.model})
            </bdi>
            {', '}
            {t('sampleOn', {
              sample: format.integer(provenance.sampleIndex + 1),
              date: format.dateTime(provenance.generatedAt),
            })}
          </dd>
        </div>
      )}
      {score !== null && (
        <div className="row">
          <dt>{t('outputScore')}</dt>
          <dd>{format.score(score)}</dd>
          <dt>{t('scoredBy')}</dt>
          <dd>
            {scoreProvenance ? (
              <>
                <bdi dir="auto">
                  {scoreProvenance.connectionName} ({scoreProvenance.model})
                </bdi>
                {', '}
                {format.dateTime(scoreProvenance.scoredAt)}
              </>
            ) : (
              t('scoreSetByHand')
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Annotations({ detail }: { detail: ItemDetailResponse }) {
  const t = useMessages(itemMessages);
  const format = useFormat();
  if (detail.annotations.length === 0) return <p className="muted">{t('noAnnotationYet')}</p>;
  return (
    <ul className="stack" aria-label={t('annotations')}>
      {detail.annotations.map((annotation) => (
        <li key={annotation.id} className="card stack">
          <div className="row space-between">
            <strong>{annotation.annotatorEmail}</strong>
            <span className="muted">{format.dateTime(annotation.submittedAt)}</span>
          </div>
          <dl>
            {Object.entries(annotation.answers).map(([questionId, answer]) => (
              <div key={questionId} className="row">
                <dt>{questionId}</dt>
                {/* The item's template is not in the response: each answer in its type's one line, outputs by id. */}
                <dd dir="auto">{answerText(undefined, answer)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t('shownInOrder', { order: annotation.displayOrder.join(', ') })}</p>
          {annotation.review && (
            <p>
              {t('review')} <span className="badge">{t(`verdict_${annotation.review.verdict}`)}</span>{' '}
              <span dir="auto">{annotation.review.comment}</span>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The selected item: prompt, outputs, every annotation with its annotator and verdict, and its skips. */
export function ItemDetail({ projectId, itemId }: { projectId: string; itemId: string }) {
  const t = useMessages(itemMessages);
  const c = useMessages(componentMessages);
  const item = useItem(projectId, itemId);
  if (item.isPending) return <Loading what={t('theItem')} />;
  if (item.isError) return <ErrorNotice error={item.error} title={t('loadItemFailed')} />;
  const { item: detail } = item.data;
  return (
    <section className="card stack" aria-labelledby="item-detail-title">
      <h2 id="item-detail-title">{t('itemTitle', { id: detail.externalId })}</h2>
      <p className="muted">
        {t('annotationsOf', { done: detail.annotations, target: detail.overlapTarget })}
        {detail.gold && t('goldMark')}
        {detail.skips > 0 && t('skippedTimes', { count: detail.skips })}
      </p>
      <h3>{t('prompt')}</h3>
      {detail.conversation.map((message, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a conversation's turns never reorder
        <p key={i} className="item-message" dir="auto">
          <strong>{t('roleSaid', { role: t(`role_${message.role}`) })}</strong> {message.content}
        </p>
      ))}
      {detail.outputs.length > 0 && (
        <>
          <h3>{t('outputs')}</h3>
          <ul className="stack" aria-label={t('outputs')}>
            {detail.outputs.map((output) => (
              <li key={output.id}>
                <strong dir="auto">
                  {output.id}
                  {output.model ? ` (${output.model})` : ''}
                </strong>
                <OutputSources output={output} />
                <p className="item-message" dir="auto">
                  {output.content}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('annotations')}</h3>
      <Annotations detail={item.data} />
      {item.data.skips.length > 0 && (
        <>
          <h3>{t('skips')}</h3>
          <ul aria-label={t('skips')}>
            {item.data.skips.map((skip) => (
              <li key={skip.annotatorEmail}>
                {skip.annotatorEmail}: {c(`skip_${skip.reason}`)}
                {skip.comment ? `: ${skip.comment}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
