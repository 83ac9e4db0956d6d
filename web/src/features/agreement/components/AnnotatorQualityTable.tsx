import type { AgreementReport, AnnotatorAgreement } from '@feedbench/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMessages } from '../../../i18n/messages.ts';
import { at } from '../agreement.messages.ts';
import { drillDownPath, judgeDrillDownPath } from './drill-down-path.ts';
import { formatDuration, formatPercent, formatStatistic } from './format.ts';
import { judgeRowMessages } from './judge-row.messages.ts';

type SortKey = 'email' | 'annotations' | 'medianTime' | 'gold' | 'outlier' | `question:${string}`;
type Direction = 'ascending' | 'descending';

interface Column {
  key: SortKey;
  label: string;
  value: (a: AnnotatorAgreement) => string | number | null;
}

function questionScore(a: AnnotatorAgreement, questionId: string): number | null {
  return a.questions.find((q) => q.questionId === questionId)?.score ?? null;
}

/** Nulls (nothing to compare) sort last whichever the direction. */
function compare(a: string | number | null, b: string | number | null, direction: Direction): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return direction === 'ascending' ? order : -order;
}

/** An annotator's gold accuracy as a cell: the share right, how many gold answers, and the bar or pause if any. */
function GoldCell({ gold }: { gold: AnnotatorAgreement['gold'] }) {
  if (!gold || gold.answered === 0 || gold.accuracy === null) return <>{at('na')}</>;
  return (
    <>
      {formatPercent(gold.accuracy)} <span className="muted">{at('ofAnswered', { count: gold.answered })}</span>
      {gold.belowThreshold && <span className="badge warning">{at('belowGoldBar')}</span>}
      {gold.paused && <span className="badge">{at('paused')}</span>}
    </>
  );
}

/**
 * Per annotator: throughput, agreement with the others' consensus per question, median time, accuracy on gold items,
 * outlier flag (on a question or below the gold bar); sortable by any column; each annotator links to their
 * annotations.
 */
export function AnnotatorQualityTable({ report }: { report: AgreementReport }) {
  const judgeT = useMessages(judgeRowMessages);
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({
    key: 'annotations',
    direction: 'descending',
  });
  const columns: Column[] = [
    { key: 'email', label: at('annotator'), value: (a) => a.email ?? a.judgeName ?? '' },
    { key: 'annotations', label: at('annotations'), value: (a) => a.annotations },
    ...report.questions.map(
      (q): Column => ({
        key: `question:${q.questionId}`,
        label: at('agreementWithConsensus', { label: q.label }),
        value: (a) => questionScore(a, q.questionId),
      }),
    ),
    { key: 'medianTime', label: at('medianTime'), value: (a) => a.medianTimeOnTaskMs },
    { key: 'gold', label: at('goldAccuracy'), value: (a) => (a.gold?.answered ? a.gold.accuracy : null) },
    { key: 'outlier', label: at('outlier'), value: (a) => (a.outlier ? 1 : 0) },
  ];
  const column = columns.find((c) => c.key === sort.key) ?? columns[1];
  const rows = column
    ? [...report.annotators].sort((a, b) => compare(column.value(a), column.value(b), sort.direction))
    : report.annotators;

  function sortBy(key: SortKey) {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'email' ? 'ascending' : 'descending' },
    );
  }

  if (report.annotators.length === 0) return <p className="muted">{at('noAnnotationsYet')}</p>;

  return (
    <table className="table">
      <caption>{at('annotatorsCaption')}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.direction : 'none'}>
              <button type="button" className="ghost" onClick={() => sortBy(c.key)}>
                {c.label}
                <span aria-hidden="true">
                  {sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.userId}>
            <th scope="row">
              {a.judgeName === undefined ? (
                <Link to={drillDownPath(report.projectId, { annotatorId: a.userId })}>
                  {a.email ?? at('formerMember')}
                </Link>
              ) : (
                <span title={judgeT('description')}>
                  <Link to={judgeDrillDownPath(report.projectId, a.userId)}>{a.judgeName}</Link>{' '}
                  <span className="badge judge">{judgeT('badge')}</span>
                </span>
              )}
            </th>
            <td>{a.annotations}</td>
            {report.questions.map((q) => (
              <td key={q.questionId}>{formatStatistic(questionScore(a, q.questionId))}</td>
            ))}
            <td>{formatDuration(a.medianTimeOnTaskMs)}</td>
            <td>
              <GoldCell gold={a.gold} />
            </td>
            <td>{a.outlier ? <span className="badge warning">{at('outlier')}</span> : at('no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
