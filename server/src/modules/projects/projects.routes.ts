import {
  addMemberBody,
  createProjectBody,
  memberListResponse,
  projectIdParams,
  projectListQuery,
  projectListResponse,
  projectMemberParams,
  projectSchema,
  updateProjectBody,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from './projects.service.ts';

export function projectsRoutes(projects: ProjectsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['projects'];
    app.get(
      '/api/projects',
      { schema: { tags, querystring: projectListQuery, response: { 200: projectListResponse } } },
      async (request) => ({ projects: await projects.list(requireUser(request), request.query) }),
    );

    app.post(
      '/api/projects',
      { schema: { tags, body: createProjectBody, response: { 201: projectSchema } } },
      async (request, reply) => reply.status(201).send(await projects.create(requireUser(request), request.body)),
    );

    app.get(
      '/api/projects/:projectId',
      { schema: { tags, params: projectIdParams, response: { 200: projectSchema } } },
      (request) => projects.get(requireUser(request), request.params.projectId),
    );

    app.patch(
      '/api/projects/:projectId',
      { schema: { tags, params: projectIdParams, body: updateProjectBody, response: { 200: projectSchema } } },
      (request) => projects.update(requireUser(request), request.params.projectId, request.body),
    );

    app.get(
      '/api/projects/:projectId/members',
      { schema: { tags, params: projectIdParams, response: { 200: memberListResponse } } },
      async (request) => ({ members: await projects.listMembers(requireUser(request), request.params.projectId) }),
    );

    app.post(
      '/api/projects/:projectId/members',
      { schema: { tags, params: projectIdParams, body: addMemberBody, response: { 200: memberListResponse } } },
      async (request) => ({
        members: await projects.addMember(requireUser(request), request.params.projectId, request.body),
      }),
    );

    app.delete(
      '/api/projects/:projectId/members/:userId',
      { schema: { tags, params: projectMemberParams, response: { 200: memberListResponse } } },
      async (request) => {
        const { projectId, userId } = request.params;
        const changed = await projects.removeMember(requireUser(request), projectId, userId);
        return { members: changed.members };
      },
    );
  };
}
