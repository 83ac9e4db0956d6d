import {
  adminApiTokenListResponse,
  apiTokenIdParams,
  apiTokenListResponse,
  apiTokenSchema,
  createApiTokenBody,
  createdApiTokenResponse,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin, requireUser } from '../../plugins/authenticate.ts';
import { requestActor } from '../audit/audit.routes.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { tokenErrors } from './tokens.errors.ts';
import type { TokensService } from './tokens.service.ts';

/** Token creation per user per hour: plenty for people, a wall for a hijacked session minting tokens in a loop. */
const CREATES_PER_HOUR = 20;

export function tokensRoutes(tokens: TokensService, audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['tokens'];
    app.get('/api/tokens', { schema: { tags, response: { 200: apiTokenListResponse } } }, async (request) => ({
      tokens: await tokens.list(requireUser(request)),
    }));

    app.post(
      '/api/tokens',
      {
        schema: { tags, body: createApiTokenBody, response: { 201: createdApiTokenResponse } },
        preHandler: app.rateLimit({
          max: CREATES_PER_HOUR,
          timeWindow: 3600 * 1000,
          keyGenerator: (request) => `token-create:${request.user?.id}`,
          // Anonymous calls are refused (401) by the handler without counting against anyone.
          allowList: (request) => !request.user,
        }),
      },
      async (request, reply) => {
        const user = requireUser(request);
        const created = await tokens.create(user, request.body);
        await audit.record({
          ...requestActor(request),
          action: 'token.create',
          target: created.apiToken.id,
          details: {
            name: created.apiToken.name,
            workspaceId: created.apiToken.workspaceId,
            access: created.apiToken.access,
            projectIds: created.apiToken.projectIds,
          },
        });
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api/tokens/:tokenId',
      { schema: { tags, params: apiTokenIdParams, response: { 200: apiTokenSchema } } },
      async (request) => {
        const user = requireUser(request);
        const { token: revoked, ownerEmail } = await tokens.revoke(user, request.params.tokenId);
        await audit.record({
          ...requestActor(request),
          action: 'token.revoke',
          target: revoked.id,
          // An admin revoking someone else's token: the owner is named, so the trail shows whose it was.
          details: { name: revoked.name, ...(ownerEmail === user.email ? {} : { ownerEmail }) },
        });
        return revoked;
      },
    );

    app.get(
      '/api/admin/tokens',
      { schema: { tags, response: { 200: adminApiTokenListResponse } } },
      async (request) => {
        const admin = requireAdmin(request);
        // A token is bound to one workspace; the instance-wide list needs the admin's own session.
        if (admin.tokenScope) throw tokenErrors.adminSessionOnly();
        return { tokens: await tokens.listAll() };
      },
    );
  };
}
