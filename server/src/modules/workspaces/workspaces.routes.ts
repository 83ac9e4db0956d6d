import {
  addWorkspaceMemberBody,
  createWorkspaceBody,
  workspaceIdParams,
  workspaceListResponse,
  workspaceMemberListResponse,
  workspaceMemberParams,
  workspaceSchema,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { WorkspacesService } from './workspaces.service.ts';

export function workspacesRoutes(workspaces: WorkspacesService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['workspaces'];
    app.get('/api/workspaces', { schema: { tags, response: { 200: workspaceListResponse } } }, async (request) => ({
      workspaces: await workspaces.list(requireUser(request)),
    }));

    app.post(
      '/api/workspaces',
      { schema: { tags, body: createWorkspaceBody, response: { 201: workspaceSchema } } },
      async (request, reply) => {
        const created = await workspaces.create(requireUser(request), request.body);
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/workspaces/:workspaceId/members',
      { schema: { tags, params: workspaceIdParams, response: { 200: workspaceMemberListResponse } } },
      async (request) => ({
        members: await workspaces.listMembers(requireUser(request), request.params.workspaceId),
      }),
    );

    app.post(
      '/api/workspaces/:workspaceId/members',
      {
        schema: {
          tags,
          params: workspaceIdParams,
          body: addWorkspaceMemberBody,
          response: { 200: workspaceMemberListResponse },
        },
      },
      async (request) => {
        const { workspaceId } = request.params;
        const changed = await workspaces.addMember(requireUser(request), workspaceId, request.body);
        return { members: changed.members };
      },
    );

    app.delete(
      '/api/workspaces/:workspaceId/members/:userId',
      { schema: { tags, params: workspaceMemberParams, response: { 200: workspaceMemberListResponse } } },
      async (request) => {
        const { workspaceId, userId } = request.params;
        const changed = await workspaces.removeMember(requireUser(request), workspaceId, userId);
        return { members: changed.members };
      },
    );
  };
}
