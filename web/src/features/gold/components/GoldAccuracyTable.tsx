import type { AnnotatorGoldAccuracy } from '@feedbench/shared';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useMessages } from '../../../i18n/messages.ts';
import { useResumeAnnotator } from '../api/resume-annotator.ts';
import { goldMessages } from '../gold.messages.ts';

/** Per annotator: gold answers scored, accuracy, whether below the bar, paused state with a Resume button. */
export function GoldAccuracyTable({
  projectId,
  annotators,
}: {
  projectId: string;
  annotators: AnnotatorGoldAccuracy[];
}) {
  const t = useMessages(goldMessages);
  const format = useFormat();
  const percent = (x: number | null) => (x === null ? '–' : format.percent(Math.round(x * 100) / 100));
  const resume = useResumeAnnotator(projectId);
  if (annotators.length === 0) return <p className="muted">{t('noAnnotators')}</p>;
  return (
    <div className="stack">
      <table className="table">
        <caption className="visually-hidden">{t('accuracyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('annotator')}</th>
            <th scope="col">{t('goldAnswers')}</th>
            <th scope="col">{t('accuracy')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {annotators.map((a) => (
            <tr key={a.userId}>
              <th scope="row">{a.email}</th>
              <td>{a.answered}</td>
              <td>{percent(a.accuracy)}</td>
              <td>
                {a.paused ? (
                  <span className="badge paused" title={a.pausedReason ?? undefined}>
                    {t('paused')}
                  </span>
                ) : a.belowThreshold ? (
                  <span className="badge warning">{t('belowThreshold')}</span>
                ) : (
                  <span className="muted">{t('active')}</span>
                )}
              </td>
              <td>
                {a.paused && (
                  <button
                    type="button"
                    onClick={() => resume.mutate(a.userId)}
                    disabled={resume.isPending}
                    aria-label={t('resumeWho', { email: a.email })}
                  >
                    {t('resume')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {annotators.some((a) => a.paused) && <p className="hint">{t('resumeHint')}</p>}
      {resume.isError && <ErrorNotice error={resume.error} title={t('notResumed')} />}
    </div>
  );
}
