import { auditListResponse, auditQuery } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin } from '../../plugins/authenticate.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditListResponse } } },
      async (request) => {
        requireAdmin(request);
        return audit.list(request.query);
      },
    );
  };
}
