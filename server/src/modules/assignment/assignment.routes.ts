import {
  projectIdParams,
  skipListQuery,
  skipListResponse,
  skippedItemListQuery,
  skippedItemListResponse,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { AssignmentService } from './assignment.service.ts';

export function assignmentRoutes(projects: ProjectsService, assignment: AssignmentService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/skips',
      {
        schema: {
          tags: ['tasks'],
          description: "The project's skips, newest first, a keyset page at a time",
          params: projectIdParams,
          querystring: skipListQuery,
          response: { 200: skipListResponse },
        },
      },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return assignment.skips(project.id, request.query);
      },
    );

    app.get(
      '/api/projects/:projectId/skips/items',
      {
        schema: {
          tags: ['tasks'],
          description: 'Skipped items still short of the overlap target, most skipped first, a keyset page at a time',
          params: projectIdParams,
          querystring: skippedItemListQuery,
          response: { 200: skippedItemListResponse },
        },
      },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return assignment.skippedItems(project.id, project.settings.overlapTarget, request.query);
      },
    );
  };
}
