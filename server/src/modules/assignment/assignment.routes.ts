import { projectIdParams, skipReportResponse } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { AssignmentService } from './assignment.service.ts';

export function assignmentRoutes(projects: ProjectsService, assignment: AssignmentService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/skips',
      { schema: { tags: ['tasks'], params: projectIdParams, response: { 200: skipReportResponse } } },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return assignment.skipReport(project.id, project.settings.overlapTarget);
      },
    );
  };
}
