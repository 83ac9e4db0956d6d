import { ErrorNotice, Loading } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useAnchoring } from '../api/calibration.ts';
import { judgesMessages } from '../judges.messages.ts';
import { useStatistic } from './estimate-cells.tsx';

/** The experiment's report: agreement with the judge in each arm and the difference with its interval. */
export function AnchoringReportTable({ projectId }: { projectId: string }) {
  const t = useMessages(judgesMessages);
  const format = useFormat();
  const statistic = useStatistic();
  const report = useAnchoring(projectId);
  if (report.isPending) return <Loading what={t('loadingWhat')} />;
  if (report.isError) return <ErrorNotice error={report.error} />;
  const questions = report.data.questions.filter((q) => q.shown.annotations + q.hidden.annotations > 0);
  return (
    <section className="card stack" aria-labelledby="anchoring-heading">
      <h2 id="anchoring-heading">{t('anchoringHeading')}</h2>
      <p className="muted">{t('anchoringIntro')}</p>
      {questions.length === 0 ? (
        <p className="muted">{t('anchoringEmpty')}</p>
      ) : (
        <table className="table" aria-label={t('anchoringHeading')}>
          <thead>
            <tr>
              <th scope="col">{t('calibrationQuestion')}</th>
              <th scope="col">{t('anchoringShown')}</th>
              <th scope="col">{t('anchoringHidden')}</th>
              <th scope="col">{t('anchoringDifference')}</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.questionId}>
                <th scope="row">{q.label}</th>
                <td>
                  {t('anchoringCell', {
                    value: statistic({ value: q.shown.agreement, ci: q.shown.ci }),
                    count: q.shown.annotations,
                    n: format.integer(q.shown.annotations),
                  })}
                </td>
                <td>
                  {t('anchoringCell', {
                    value: statistic({ value: q.hidden.agreement, ci: q.hidden.ci }),
                    count: q.hidden.annotations,
                    n: format.integer(q.hidden.annotations),
                  })}
                </td>
                <td>{statistic({ value: q.difference, ci: q.ci })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
