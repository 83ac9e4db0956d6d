import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout.tsx';
import { LoginRoute } from './routes/LoginRoute.tsx';
import { NotFoundRoute } from './routes/NotFoundRoute.tsx';
import { ProjectsRoute } from './routes/ProjectsRoute.tsx';

// The dashboard and the annotation page (Markdown, drag and drop) load on first visit, keeping sign-in light.
export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    // Everything else needs a session: the layout loads the signed-in user first.
    element: <AppLayout />,
    children: [
      { index: true, element: <ProjectsRoute /> },
      {
        path: 'projects/:projectId',
        lazy: () => import('./routes/ProjectRoute.tsx').then((m) => ({ Component: m.ProjectRoute })),
      },
      {
        path: 'projects/:projectId/agreement',
        lazy: () => import('./routes/AgreementRoute.tsx').then((m) => ({ Component: m.AgreementRoute })),
      },
      {
        path: 'projects/:projectId/agreement/annotations',
        lazy: () =>
          import('./routes/AgreementAnnotationsRoute.tsx').then((m) => ({ Component: m.AgreementAnnotationsRoute })),
      },
      {
        path: 'projects/:projectId/gold',
        lazy: () => import('./routes/GoldRoute.tsx').then((m) => ({ Component: m.GoldRoute })),
      },
      {
        path: 'projects/:projectId/adjudication',
        lazy: () => import('./routes/AdjudicationRoute.tsx').then((m) => ({ Component: m.AdjudicationRoute })),
      },
      {
        path: 'projects/:projectId/adjudication/:itemId',
        lazy: () => import('./routes/AdjudicationItemRoute.tsx').then((m) => ({ Component: m.AdjudicationItemRoute })),
      },
      {
        path: 'projects/:projectId/feedback',
        lazy: () => import('./routes/FeedbackRoute.tsx').then((m) => ({ Component: m.FeedbackRoute })),
      },
      {
        path: 'projects/:projectId/skips',
        lazy: () => import('./routes/SkipsRoute.tsx').then((m) => ({ Component: m.SkipsRoute })),
      },
      {
        path: 'projects/:projectId/items/:itemId?',
        lazy: () => import('./routes/ItemsRoute.tsx').then((m) => ({ Component: m.ItemsRoute })),
      },
      {
        path: 'projects/:projectId/template',
        lazy: () => import('./routes/TemplateRoute.tsx').then((m) => ({ Component: m.TemplateRoute })),
      },
      {
        path: 'projects/:projectId/annotate',
        lazy: () => import('./routes/AnnotateRoute.tsx').then((m) => ({ Component: m.AnnotateRoute })),
      },
      { path: 'users', lazy: () => import('./routes/UsersRoute.tsx').then((m) => ({ Component: m.UsersRoute })) },
      {
        path: 'workspaces',
        lazy: () => import('./routes/WorkspacesRoute.tsx').then((m) => ({ Component: m.WorkspacesRoute })),
      },
      { path: 'review', lazy: () => import('./routes/ReviewRoute.tsx').then((m) => ({ Component: m.ReviewRoute })) },
      {
        path: 'security',
        lazy: () => import('./routes/SecurityRoute.tsx').then((m) => ({ Component: m.SecurityRoute })),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
