import type { AdjudicationItem, Answers } from '@feedbench/shared';
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { outputsById } from '../../questions/QuestionParts.tsx';
import { adjudicationMessages } from '../adjudication.messages.ts';
import { useAdjudicationItem } from '../api/get-adjudication-item.ts';
import { useSaveAdjudication } from '../api/save-adjudication.ts';
import { AdjudicationEditor } from './AdjudicationEditor.tsx';
import { AnswerByOutputId } from './AnswerByOutputId.tsx';

/** One disagreed item: the conversation, its outputs by id, every annotation side by side, and the adjudication. */
export function AdjudicationItemView({ projectId, itemId }: { projectId: string; itemId: string }) {
  const t = useMessages(adjudicationMessages);
  const format = useFormat();
  const item = useAdjudicationItem(projectId, itemId);
  const save = useSaveAdjudication(projectId, itemId);
  // Which answers the editor starts from; a new key resets the editor to them.
  const [start, setStart] = useState<{ key: string; answers: Answers } | undefined>();
  if (item.isPending) return <Loading what={t('theItem')} />;
  if (item.isError) return <ErrorNotice error={item.error} title={t('loadItemFailed')} />;
  const data = item.data;
  const initial = start ?? {
    key: `saved-${data.adjudication?.revision ?? 0}`,
    answers: data.adjudication?.answers ?? {},
  };
  return (
    <div className="stack">
      <h1>
        {t('item')} <code>{data.itemExternalId}</code>
        {data.disagreement !== null && (
          <span className="muted"> · {t('disagreement', { value: format.fixed(data.disagreement, 2) })}</span>
        )}
      </h1>
      <section aria-label={t('conversation')} className="card stack">
        {data.conversation.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns have no id of their own
          <p key={index} style={{ whiteSpace: 'pre-wrap' }} dir="auto">
            <strong>{t('roleSaid', { role: t(`role_${message.role}`) })}</strong> {message.content}
          </p>
        ))}
      </section>
      {data.outputs.length > 0 && (
        <section aria-label={t('outputs')} className="card stack">
          {data.outputs.map((output) => (
            <div key={output.id}>
              <h3>
                {t('output')} <code>{output.id}</code>
              </h3>
              <p style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                {output.content}
              </p>
            </div>
          ))}
        </section>
      )}
      <AnnotationsSideBySide item={data} onStartFrom={(key, answers) => setStart({ key, answers })} />
      <section aria-labelledby="adjudicate-title" className="card stack">
        <h2 id="adjudicate-title">{t('adjudicatedAnswer')}</h2>
        {data.adjudication ? (
          <p role="status">
            {t('adjudicatedBy', {
              who: data.adjudication.adjudicatorEmail ?? t('formerMember'),
              date: format.dateTime(data.adjudication.adjudicatedAt),
              revision: data.adjudication.revision,
            })}
          </p>
        ) : (
          <p className="muted">{t('notAdjudicated')}</p>
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
  const t = useMessages(adjudicationMessages);
  return (
    <section aria-labelledby="annotations-title" className="card stack">
      <h2 id="annotations-title">{t('sideBySide')}</h2>
      <div style={{ overflowX: 'auto' }}>
        <table className="table" aria-label={t('sideBySide')}>
          <thead>
            <tr>
              <th scope="col">{t('question')}</th>
              {item.annotations.map((a, index) => (
                <th key={a.annotationId} scope="col">
                  {t('annotatorN', { n: index + 1 })}
                  {a.verdict && <span className={`badge verdict-${a.verdict}`}>{t(`verdict_${a.verdict}`)}</span>}
                </th>
              ))}
              {item.adjudication && <th scope="col">{t('adjudicated')}</th>}
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
              <th scope="row">{t('startFrom')}</th>
              {item.annotations.map((a, index) => (
                <td key={a.annotationId}>
                  <button
                    type="button"
                    onClick={() => onStartFrom(`${a.annotationId}-${Date.now()}`, a.answers)}
                    aria-label={t('useAnswerOf', { who: t('annotatorN', { n: index + 1 }) })}
                  >
                    {t('useThisAnswer')}
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
