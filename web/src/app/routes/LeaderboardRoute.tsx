import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { type LeaderboardSelection, useLeaderboard } from '../../features/leaderboard/api/get-leaderboard.ts';
import { LeaderboardChart } from '../../features/leaderboard/components/LeaderboardChart.tsx';
import { LeaderboardTable } from '../../features/leaderboard/components/LeaderboardTable.tsx';
import { WinRateMatrix } from '../../features/leaderboard/components/WinRateMatrix.tsx';
import { leaderboardMessages } from '../../features/leaderboard/leaderboard.messages.ts';
import { useProject } from '../../features/projects/api/get-project.ts';
import { useFormat } from '../../i18n/format.ts';
import { useMessages } from '../../i18n/messages.ts';

/** Researchers' model leaderboard: ratings with intervals, the table, win rates; by category, with length control. */
export function LeaderboardRoute() {
  const { projectId = '' } = useParams();
  const t = useMessages(leaderboardMessages);
  const format = useFormat();
  const id = useId();
  const [selection, setSelection] = useState<LeaderboardSelection>({ category: null, lengthControlled: false });
  const project = useProject(projectId);
  const board = useLeaderboard(projectId, selection);

  if (project.isPending || board.isPending) return <Loading what={t('loading')} />;
  if (project.isError) return <ErrorNotice error={project.error} title={t('loadError')} />;
  if (board.isError) return <ErrorNotice error={board.error} title={t('loadError')} />;
  const p = project.data;
  const b = board.data;
  const interval = b.lengthCoefficientInterval;

  return (
    <div className="stack">
      <Breadcrumb trail={[{ to: `/projects/${p.id}`, label: p.name }]} current={t('breadcrumb')} />
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className="row settings-row">
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('category')}</label>
          <select
            id={`${id}-category`}
            value={selection.category ?? ''}
            onChange={(e) => setSelection({ ...selection, category: e.target.value === '' ? null : e.target.value })}
          >
            <option value="">{t('allCategories')}</option>
            {b.categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.value} ({format.integer(c.annotations)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={selection.lengthControlled}
              aria-describedby={`${id}-length-hint`}
              onChange={(e) => setSelection({ ...selection, lengthControlled: e.target.checked })}
            />{' '}
            {t('lengthControlled')}
          </label>
          <span id={`${id}-length-hint`} className="hint">
            {t('lengthControlledHint')}
          </span>
        </div>
      </div>
      {b.questionId === null ? (
        <p className="notice">{t('noQuestion')}</p>
      ) : b.models.length === 0 ? (
        <p className="notice">{t('noComparisons')}</p>
      ) : (
        <>
          <section className="card stack" aria-labelledby={`${id}-chart`}>
            <h2 id={`${id}-chart`}>{t('tableTitle')}</h2>
            <p>
              {t('summary', {
                comparisons: t('summaryComparisons', { count: b.comparisons, n: format.integer(b.comparisons) }),
                annotations: t('summaryAnswers', { count: b.annotations, n: format.integer(b.annotations) }),
                items: t('summaryItems', { count: b.items, n: format.integer(b.items) }),
              })}{' '}
              {t('skipped', {
                noModel: t('skippedNoModel', { count: b.skipped.noModel, n: format.integer(b.skipped.noModel) }),
                sameModel: t('skippedSameModel', {
                  count: b.skipped.sameModel,
                  n: format.integer(b.skipped.sameModel),
                }),
                tied: t('skippedTied', {
                  count: b.skipped.tiedInRanking,
                  n: format.integer(b.skipped.tiedInRanking),
                }),
              })}
            </p>
            {b.lengthCoefficient !== null && (
              <p>
                {t('lengthCoefficient', {
                  value: format.decimal(b.lengthCoefficient),
                  low: interval ? format.decimal(interval[0]) : t('none'),
                  high: interval ? format.decimal(interval[1]) : t('none'),
                })}
              </p>
            )}
            <LeaderboardChart board={b} />
            <LeaderboardTable board={b} />
          </section>
          <section className="card stack" aria-labelledby={`${id}-win-rates`}>
            <h2 id={`${id}-win-rates`}>{t('winRatesTitle')}</h2>
            <WinRateMatrix board={b} />
          </section>
        </>
      )}
    </div>
  );
}
