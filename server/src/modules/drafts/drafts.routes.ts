import { leaseIdParams, saveDraftBody, saveDraftResponse } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { DraftsService } from './drafts.service.ts';

export function draftsRoutes(drafts: DraftsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/api/leases/:leaseId/draft',
      { schema: { tags: ['tasks'], params: leaseIdParams, body: saveDraftBody, response: { 200: saveDraftResponse } } },
      (request) => drafts.save(requireUser(request), request.params.leaseId, request.body),
    );
  };
}
