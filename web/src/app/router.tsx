import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout.tsx';
import { AnnotateRoute } from './routes/AnnotateRoute.tsx';
import { LoginRoute } from './routes/LoginRoute.tsx';
import { NotFoundRoute } from './routes/NotFoundRoute.tsx';
import { ProjectRoute } from './routes/ProjectRoute.tsx';
import { ProjectsRoute } from './routes/ProjectsRoute.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute /> },
  {
    // Everything else needs a session: the layout loads the signed-in user first.
    element: <AppLayout />,
    children: [
      { index: true, element: <ProjectsRoute /> },
      { path: 'projects/:projectId', element: <ProjectRoute /> },
      { path: 'projects/:projectId/annotate', element: <AnnotateRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
