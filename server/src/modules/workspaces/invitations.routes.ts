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
import { requestActor } from '../audit/audit.routes.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { InvitationsService } from './invitations.service.ts';

/** Invitations to workspaces: made, listed and revoked by the workspace's managers; accepted or declined by the invitee. */
export function invitationsRoutes(invitations: InvitationsService, audit: AuditService): FastifyPluginAsyncZod {
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
        await audit.record({
          ...requestActor(request),
          action: 'workspace.invite',
          target: invitation.email,
          details: { workspaceId, role: invitation.role },
        });
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
        const revoked = await invitations.revoke(requireUser(request), workspaceId, invitationId);
        await audit.record({
          ...requestActor(request),
          action: 'workspace.invitation_revoke',
          target: revoked.email,
          details: { workspaceId },
        });
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
        await audit.record({
          ...requestActor(request),
          action: 'workspace.invitation_accept',
          target: accepted.workspace.slug,
          details: { workspaceId: accepted.workspace.id, role: accepted.role },
        });
        return { workspace: accepted.workspace };
      },
    );

    app.post(
      '/api/invitations/:invitationId/decline',
      { schema: { tags, params: invitationIdParams } },
      async (request, reply) => {
        const declined = await invitations.decline(requireUser(request), request.params.invitationId);
        await audit.record({
          ...requestActor(request),
          action: 'workspace.invitation_decline',
          details: { workspaceId: declined.workspaceId },
        });
        return reply.status(204).send();
      },
    );
  };
}
