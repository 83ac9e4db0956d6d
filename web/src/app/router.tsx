import { createBrowserRouter } from 'react-router';
import { Loading } from '../components/QueryState.tsx';
import { useMessages } from '../i18n/messages.ts';
import { AppLayout } from './AppLayout.tsx';
import { appMessages } from './app.messages.ts';
import { LoginRoute } from './routes/LoginRoute.tsx';
import { NotFoundRoute } from './routes/NotFoundRoute.tsx';
import { ProjectsRoute } from './routes/ProjectsRoute.tsx';

/**
 * Shown while a lazily loaded page's code arrives on a direct load (React Router renders it during the first
 * navigation; without it, it warns "No HydrateFallback element provided").
 */
function PageLoading() {
  const t = useMessages(appMessages);
  return <Loading what={t('thePage')} />;
}

// The dashboard and the annotation page (Markdown, drag and drop) load on first visit, keeping sign-in light.
export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    // Everything else needs a session: the layout loads the signed-in user first.
    element: <AppLayout />,
    HydrateFallback: PageLoading,
    children: [
      { index: true, element: <ProjectsRoute /> },
      {
        path: 'projects/:projectId',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/ProjectRoute.tsx').then((m) => ({ Component: m.ProjectRoute })),
      },
      {
        path: 'projects/:projectId/agreement',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/AgreementRoute.tsx').then((m) => ({ Component: m.AgreementRoute })),
      },
      {
        path: 'projects/:projectId/agreement/annotations',
        HydrateFallback: PageLoading,
        lazy: () =>
          import('./routes/AgreementAnnotationsRoute.tsx').then((m) => ({ Component: m.AgreementAnnotationsRoute })),
      },
      {
        path: 'projects/:projectId/leaderboard',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/LeaderboardRoute.tsx').then((m) => ({ Component: m.LeaderboardRoute })),
      },
      {
        path: 'projects/:projectId/gold',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/GoldRoute.tsx').then((m) => ({ Component: m.GoldRoute })),
      },
      {
        path: 'projects/:projectId/judges',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/JudgesRoute.tsx').then((m) => ({ Component: m.JudgesRoute })),
      },
      {
        path: 'projects/:projectId/judges/:judgeId/disagreements',
        HydrateFallback: PageLoading,
        lazy: () =>
          import('./routes/JudgeDisagreementsRoute.tsx').then((m) => ({ Component: m.JudgeDisagreementsRoute })),
      },
      {
        path: 'projects/:projectId/adjudication',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/AdjudicationRoute.tsx').then((m) => ({ Component: m.AdjudicationRoute })),
      },
      {
        path: 'projects/:projectId/adjudication/:itemId',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/AdjudicationItemRoute.tsx').then((m) => ({ Component: m.AdjudicationItemRoute })),
      },
      {
        path: 'projects/:projectId/feedback',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/FeedbackRoute.tsx').then((m) => ({ Component: m.FeedbackRoute })),
      },
      {
        path: 'projects/:projectId/skips',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/SkipsRoute.tsx').then((m) => ({ Component: m.SkipsRoute })),
      },
      {
        path: 'projects/:projectId/items/:itemId?',
        lazy: () => import('./routes/ItemsRoute.tsx').then((m) => ({ Component: m.ItemsRoute })),
      },
      {
        path: 'projects/:projectId/template',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/TemplateRoute.tsx').then((m) => ({ Component: m.TemplateRoute })),
      },
      {
        path: 'projects/:projectId/annotate',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/AnnotateRoute.tsx').then((m) => ({ Component: m.AnnotateRoute })),
      },
      {
        path: 'users',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/UsersRoute.tsx').then((m) => ({ Component: m.UsersRoute })),
      },
      {
        path: 'workspaces',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/WorkspacesRoute.tsx').then((m) => ({ Component: m.WorkspacesRoute })),
      },
      {
        path: 'models',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/ModelsRoute.tsx').then((m) => ({ Component: m.ModelsRoute })),
      },
      {
        path: 'review',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/ReviewRoute.tsx').then((m) => ({ Component: m.ReviewRoute })),
      },
      {
        path: 'security',
        HydrateFallback: PageLoading,
        lazy: () => import('./routes/SecurityRoute.tsx').then((m) => ({ Component: m.SecurityRoute })),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
