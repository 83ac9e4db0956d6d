import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ExportPanel } from '../../features/exports/components/ExportPanel.tsx';
import { ImportPanel } from '../../features/items/components/ImportPanel.tsx';
import { judgesMessages } from '../../features/judges/judges.messages.ts';
import { projectQueryOptions, useProject } from '../../features/projects/api/get-project.ts';
import { useLiveProgress } from '../../features/projects/api/live-progress.ts';
import { GuidelinesEditor } from '../../features/projects/components/GuidelinesEditor.tsx';
import { MembersPanel } from '../../features/projects/components/MembersPanel.tsx';
import { ProgressCounters } from '../../features/projects/components/ProgressCounters.tsx';
import { ProjectSettingsForm } from '../../features/projects/components/ProjectSettingsForm.tsx';
import { FeedbackLink } from '../../features/review/components/FeedbackLink.tsx';
import { useMessages } from '../../i18n/messages.ts';

/** How often the dashboard refetches its counters; the live socket pushes changes in between. */
const PROGRESS_POLL_MS = 5_000;

/** The researcher's dashboard: progress, guidelines, items, members, exports. */
export function ProjectRoute() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId, { pollMs: PROGRESS_POLL_MS });
  const live = useLiveProgress(projectId);
  const queryClient = useQueryClient();
  const judgesT = useMessages(judgesMessages);

  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <ErrorNotice error={project.error} title="Could not load the project" />;
  const p = project.data;
  if (p.myRole !== 'researcher') {
    return (
      <section className="card stack">
        <h1>{p.name}</h1>
        <p>Only the project's researchers see its dashboard.</p>
        <div className="row">
          <Link className="button primary" to={`/projects/${p.id}/annotate`}>
            Start annotating
          </Link>
          {p.myRole === 'reviewer' && (
            <Link className="button" to={`/projects/${p.id}/adjudication`}>
              Disagreements
            </Link>
          )}
          <FeedbackLink projectId={p.id} />
        </div>
      </section>
    );
  }

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span> <span aria-current="page">{p.name}</span>
      </nav>
      <div className="section-head">
        <h1>
          {p.name} <span className={`badge kind-${p.kind}`}>{p.kind}</span>
        </h1>
        <div className="row">
          <Link className="button" to={`/projects/${p.id}/agreement`}>
            Agreement
          </Link>
          <Link className="button" to={`/projects/${p.id}/adjudication`}>
            Disagreements
          </Link>
          <Link className="button" to={`/projects/${p.id}/gold`}>
            Gold
          </Link>
          <Link className="button" to={`/projects/${p.id}/judges`}>
            {judgesT('breadcrumbJudges')}
          </Link>
          <Link className="button" to={`/projects/${p.id}/items`}>
            Items
          </Link>
          <Link className="button" to={`/projects/${p.id}/skips`}>
            Skips
          </Link>
          <Link className="button" to={`/projects/${p.id}/template`}>
            Edit template
          </Link>
          <Link className="button" to={`/projects/${p.id}/annotate`}>
            Annotate
          </Link>
        </div>
      </div>
      <section className="card" aria-label="Progress">
        <span className={live ? 'live-dot on' : 'live-dot'} title={live ? 'Live' : 'Refreshing every 5 seconds'}>
          {live ? 'Live' : 'Every 5 s'}
        </span>
        <ProgressCounters progress={p.progress} />
      </section>
      <div className="grid-2">
        <ImportPanel
          projectId={p.id}
          onImported={() => queryClient.invalidateQueries({ queryKey: projectQueryOptions(p.id).queryKey })}
        />
        <ExportPanel projectId={p.id} kind={p.kind} />
      </div>
      <ProjectSettingsForm key={`settings-${p.id}`} project={p} />
      <GuidelinesEditor key={p.id} project={p} />
      <MembersPanel projectId={p.id} />
    </div>
  );
}
