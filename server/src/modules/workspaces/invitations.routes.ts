import {
  invitationIdParams,
  inviteWorkspaceMemberBody,
  myInvitationListResponse,
  workspaceIdParams,
  workspaceInvitationListResponse,
  workspaceInvitationParams,
  workspaceInvitationResponse,
  workspaceSchema,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { InvitationsService } from './invitations.service.ts';

/** Invitations to workspaces: made, listed and revoked by the workspace's managers; accepted or declined by the invitee. */
export function invitationsRoutes(invitations: InvitationsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['workspaces'];
    app.post(
      '/api/workspaces/:workspaceId/invitations',
      {
        schema: {
          tags,
          params: workspaceIdParams,
          body: inviteWorkspaceMemberBody,
          response: { 201: workspaceInvitationResponse },
        },
      },
      async (request, reply) => {
        const { workspaceId } = request.params;
        const invitation = await invitations.invite(requireUser(request), workspaceId, request.body);
        return reply.status(201).send({ invitation });
      },
    );

    app.get(
      '/api/workspaces/:workspaceId/invitations',
      { schema: { tags, params: workspaceIdParams, response: { 200: workspaceInvitationListResponse } } },
      async (request) => ({
        invitations: await invitations.listOpen(requireUser(request), request.params.workspaceId),
      }),
    );

    app.delete(
      '/api/workspaces/:workspaceId/invitations/:invitationId',
      { schema: { tags, params: workspaceInvitationParams } },
      async (request, reply) => {
        const { workspaceId, invitationId } = request.params;
        await invitations.revoke(requireUser(request), workspaceId, invitationId);
        return reply.status(204).send();
      },
    );

    app.get('/api/invitations', { schema: { tags, response: { 200: myInvitationListResponse } } }, async (request) => ({
      invitations: await invitations.mine(requireUser(request)),
    }));

    app.post(
      '/api/invitations/:invitationId/accept',
      {
        schema: {
          tags,
          params: invitationIdParams,
          response: { 200: z.object({ workspace: workspaceSchema }) },
        },
      },
      async (request) => {
        const accepted = await invitations.accept(requireUser(request), request.params.invitationId);
        return { workspace: accepted.workspace };
      },
    );

    app.post(
      '/api/invitations/:invitationId/decline',
      { schema: { tags, params: invitationIdParams } },
      async (request, reply) => {
        await invitations.decline(requireUser(request), request.params.invitationId);
        return reply.status(204).send();
      },
    );
  };
}
