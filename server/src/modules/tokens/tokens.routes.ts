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
import { tokenErrors } from './tokens.errors.ts';
import type { TokensService } from './tokens.service.ts';

/** Token creation per user per hour: plenty for people, a wall for a hijacked session minting tokens in a loop. */
const CREATES_PER_HOUR = 20;

export function tokensRoutes(tokens: TokensService): FastifyPluginAsyncZod {
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
        const created = await tokens.create(requireUser(request), request.body);
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api/tokens/:tokenId',
      { schema: { tags, params: apiTokenIdParams, response: { 200: apiTokenSchema } } },
      async (request) => {
        return (await tokens.revoke(requireUser(request), request.params.tokenId)).token;
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
