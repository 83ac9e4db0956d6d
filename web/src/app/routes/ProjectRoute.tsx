import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Breadcrumb } from '../../components/Breadcrumb.tsx';
import { ErrorNotice, Loading } from '../../components/QueryState.tsx';
import { ChatSettingsFields } from '../../features/chat/components/ChatSettingsFields.tsx';
import { ExportPanel } from '../../features/exports/components/ExportPanel.tsx';
import { ImportPanel } from '../../features/items/components/ImportPanel.tsx';
import { judgesMessages } from '../../features/judges/judges.messages.ts';
import { leaderboardMessages } from '../../features/leaderboard/leaderboard.messages.ts';
import { GenerationPanel } from '../../features/models/components/GenerationPanel.tsx';
import { projectQueryOptions, useProject } from '../../features/projects/api/get-project.ts';
import { useLiveProgress } from '../../features/projects/api/live-progress.ts';
import { GuidelinesEditor } from '../../features/projects/components/GuidelinesEditor.tsx';
import { MembersPanel } from '../../features/projects/components/MembersPanel.tsx';
import { ProgressCounters } from '../../features/projects/components/ProgressCounters.tsx';
import { ProjectSettingsForm } from '../../features/projects/components/ProjectSettingsForm.tsx';
import { FeedbackLink } from '../../features/review/components/FeedbackLink.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { appMessages } from '../app.messages.ts';

/** How often the dashboard refetches its counters; the live socket pushes changes in between. */
const PROGRESS_POLL_MS = 5_000;

/** The researcher's dashboard: progress, guidelines, items, members, exports. */
export function ProjectRoute() {
  const t = useMessages(appMessages);
  const { projectId = '' } = useParams();
  const project = useProject(projectId, { pollMs: PROGRESS_POLL_MS });
  const live = useLiveProgress(projectId);
  const queryClient = useQueryClient();
  const leaderboard = useMessages(leaderboardMessages);
  const judgesT = useMessages(judgesMessages);

  if (project.isPending) return <Loading what={t('theProject')} />;
  if (project.isError) return <ErrorNotice error={project.error} title={t('loadProjectFailed')} />;
  const p = project.data;
  if (p.myRole !== 'researcher') {
    return (
      <section className="card stack">
        <h1>{p.name}</h1>
        <p>{t('onlyResearchersDashboard')}</p>
        <div className="row">
          <Link className="button primary" to={`/projects/${p.id}/annotate`}>
            {t('startAnnotating')}
          </Link>
          {p.myRole === 'reviewer' && (
            <Link className="button" to={`/projects/${p.id}/adjudication`}>
              {t('disagreements')}
            </Link>
          )}
          <FeedbackLink projectId={p.id} />
        </div>
      </section>
    );
  }

  return (
    <div className="stack">
      <Breadcrumb current={p.name} />
      <div className="section-head">
        <h1>
          {p.name} <span className={`badge kind-${p.kind}`}>{t(`kind_${p.kind}`)}</span>
        </h1>
        <div className="row">
          <Link className="button" to={`/projects/${p.id}/agreement`}>
            {t('agreement')}
          </Link>
          <Link className="button" to={`/projects/${p.id}/adjudication`}>
            {t('disagreements')}
          </Link>
          <Link className="button" to={`/projects/${p.id}/leaderboard`}>
            {leaderboard('breadcrumb')}
          </Link>
          <Link className="button" to={`/projects/${p.id}/gold`}>
            {t('gold')}
          </Link>
          {/* Judges answer items with their outputs; a chat project's replies are ranked live, turn by turn. */}
          {p.kind !== 'chat' && (
            <Link className="button" to={`/projects/${p.id}/judges`}>
              {judgesT('breadcrumbJudges')}
            </Link>
          )}
          <Link className="button" to={`/projects/${p.id}/items`}>
            {t('items')}
          </Link>
          <Link className="button" to={`/projects/${p.id}/skips`}>
            {t('skips')}
          </Link>
          <Link className="button" to={`/projects/${p.id}/template`}>
            {t('editTemplate')}
          </Link>
          <Link className="button" to={`/projects/${p.id}/annotate`}>
            {t('annotate')}
          </Link>
        </div>
      </div>
      <section className="card" aria-label={t('progress')}>
        <span className={live ? 'live-dot on' : 'live-dot'} title={live ? t('live') : t('refreshingEveryFive')}>
          {live ? t('live') : t('everyFiveSeconds')}
        </span>
        <ProgressCounters progress={p.progress} />
      </section>
      <div className="grid-2">
        <ImportPanel
          projectId={p.id}
          onImported={() => {
            void queryClient.invalidateQueries({ queryKey: projectQueryOptions(p.id).queryKey });
            // New items change what an export holds and leaves out (the summary beside the import panel).
            void queryClient.invalidateQueries({ queryKey: ['exports', p.id, 'summary'] });
          }}
        />
        <ExportPanel projectId={p.id} kind={p.kind} />
      </div>
      {/* A chat project's replies are sampled live, turn by turn: it has no outputs to generate ahead. */}
      {p.kind !== 'chat' && (
        <GenerationPanel
          projectId={p.id}
          outputsFromModels={p.settings.outputsFromModels}
          onChanged={() => queryClient.invalidateQueries({ queryKey: projectQueryOptions(p.id).queryKey })}
        />
      )}
      <ProjectSettingsForm
        key={`settings-${p.id}`}
        project={p}
        chatFields={(value, onChange) => (
          <ChatSettingsFields workspaceId={p.workspaceId} value={value} onChange={onChange} />
        )}
      />
      <GuidelinesEditor key={p.id} project={p} />
      <MembersPanel projectId={p.id} />
    </div>
  );
}
