import type { Answer, JudgeDisagreementItem, Question } from '@feedbench/shared';
import type { ReactNode } from 'react';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { judgesMessages } from '../judges.messages.ts';

const LETTERS = 'ABCDEFGHI';
const shownOrder = (displayOrder: readonly string[]) =>
  displayOrder.map((outputId, i) => `${LETTERS[i] ?? i + 1} = ${outputId}`).join(', ');

/**
 * One judge's drill-down: per item it disagrees on (most first), the judge's answer and each human's, question by
 * question, outputs named by id, with the order each was shown ("A = o1, B = o0"), like the annotator drill-down.
 */
export function JudgeDisagreementsTable({
  items,
  questions,
  judgeName,
  truncated,
  renderAnswer,
}: {
  items: readonly JudgeDisagreementItem[];
  questions: readonly Question[];
  judgeName: string;
  truncated: boolean;
  renderAnswer: (question: Question, answer: Answer | undefined) => ReactNode;
}) {
  const t = useMessages(judgesMessages);
  const format = useFormat();
  if (items.length === 0) return <p className="muted">{t('disagreementsNone')}</p>;
  return (
    <table className="table drill-down">
      <caption>
        {t('disagreementsCaption', { count: items.length, n: format.integer(items.length) })}
        {truncated ? ` ${t('disagreementsTruncated')}` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('failureItem')}</th>
          <th scope="col">{t('disagreementsWho')}</th>
          <th scope="col">{t('disagreementsShownAs')}</th>
          {questions.map((q) => (
            <th key={q.id} scope="col">
              {q.label}
            </th>
          ))}
        </tr>
      </thead>
      {items.map((item) => (
        <tbody key={item.itemId} aria-label={item.itemExternalId}>
          <tr>
            <th scope="row" rowSpan={item.humans.length + 1}>
              {item.itemExternalId}
              <br />
              <span className="muted">{t('disagreementsScore', { value: format.decimal(item.disagreement) })}</span>
            </th>
            <td>
              {judgeName} <span className="badge judge">{t('judgeBadge')}</span>
            </td>
            <td>{shownOrder(item.judge.displayOrder)}</td>
            {questions.map((q) => (
              <td key={q.id}>{renderAnswer(q, item.judge.answers[q.id])}</td>
            ))}
          </tr>
          {item.humans.map((human) => (
            <tr key={human.annotatorId}>
              <td>{human.annotatorEmail ?? t('disagreementsFormerMember')}</td>
              <td>{shownOrder(human.displayOrder)}</td>
              {questions.map((q) => (
                <td key={q.id}>{renderAnswer(q, human.answers[q.id])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
