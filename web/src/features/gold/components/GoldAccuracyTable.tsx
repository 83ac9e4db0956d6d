import type { AnnotatorGoldAccuracy } from '@feedbench/shared';
import { ErrorNotice } from '../../../components/QueryState.tsx';
import { useResumeAnnotator } from '../api/resume-annotator.ts';

const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** Per annotator: gold answers scored, accuracy, whether below the bar, paused state with a Resume button. */
export function GoldAccuracyTable({
  projectId,
  annotators,
}: {
  projectId: string;
  annotators: AnnotatorGoldAccuracy[];
}) {
  const resume = useResumeAnnotator(projectId);
  if (annotators.length === 0) return <p className="muted">No annotators in this project yet.</p>;
  return (
    <div className="stack">
      <table>
        <caption className="visually-hidden">Accuracy on gold items per annotator</caption>
        <thead>
          <tr>
            <th scope="col">Annotator</th>
            <th scope="col">Gold answers</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
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
                    Paused
                  </span>
                ) : a.belowThreshold ? (
                  <span className="badge warning">Below threshold</span>
                ) : (
                  <span className="muted">Active</span>
                )}
              </td>
              <td>
                {a.paused && (
                  <button
                    type="button"
                    onClick={() => resume.mutate(a.userId)}
                    disabled={resume.isPending}
                    aria-label={`Resume ${a.email}`}
                  >
                    Resume
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resume.isError && <ErrorNotice error={resume.error} title="Not resumed" />}
    </div>
  );
}
