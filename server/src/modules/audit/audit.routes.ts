import { auditListResponse, auditQuery } from '@feedbench/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAdmin } from '../../plugins/authenticate.ts';
import type { AuditEntry, AuditService } from './audit.service.ts';

/** Who acted and from where, as the audit log records it; a token's id rides along in details by the caller. */
export function requestActor(request: FastifyRequest): Pick<AuditEntry, 'actorId' | 'actorEmail' | 'ip'> {
  return { actorId: request.user?.id ?? null, actorEmail: request.user?.email ?? null, ip: request.ip };
}

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

type Rule = (request: FastifyRequest, payload: unknown) => Omit<AuditEntry, 'actorId' | 'actorEmail' | 'ip'>;
const params = (request: FastifyRequest) => request.params as { projectId?: string };
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
/** A top-level field of the JSON response body (undefined when the body is not JSON). */
const fieldIn = (payload: unknown, field: string): unknown => {
  if (typeof payload !== 'string') return undefined;
  try {
    return (JSON.parse(payload) as Record<string, unknown>)[field];
  } catch {
    return undefined;
  }
};
const idIn = (payload: unknown) => {
  const id = fieldIn(payload, 'id');
  return typeof id === 'string' ? id : undefined;
};

/**
 * Successful actions of other modules that the trail records, by route. Kept here rather than in each module so the
 * list of what is audited reads in one place; the actions of auth and tokens are recorded by their own handlers.
 */
const RULES: Record<string, Rule> = {
  'POST /api/projects': (request, payload) => ({
    action: 'project.create',
    projectId: idIn(payload) ?? null,
    target: String(body(request).name ?? ''),
  }),
  'PATCH /api/projects/:projectId': (request) => ({
    action: 'project.update',
    projectId: params(request).projectId,
    details: { fields: Object.keys(body(request)) },
  }),
  'DELETE /api/projects/:projectId': (request) => ({ action: 'project.delete', projectId: params(request).projectId }),
  'POST /api/projects/:projectId/members': (request) => ({
    action: 'member.add',
    projectId: params(request).projectId,
    target: String(body(request).email ?? ''),
    details: { role: body(request).role },
  }),
  // Import bodies are streams: the size is the one the client announced.
  'POST /api/projects/:projectId/imports': (request) => ({
    action: 'items.import',
    projectId: params(request).projectId,
    details: { bytes: Number(request.headers['content-length']) || null },
  }),
  'POST /api/projects/:projectId/import-jobs': (request) => ({
    action: 'items.import',
    projectId: params(request).projectId,
    details: { bytes: Number(request.headers['content-length']) || null },
  }),
  'POST /api/annotations/:annotationId/review': (request) => ({
    action: 'review.verdict',
    target: (request.params as { annotationId?: string }).annotationId ?? null,
    details: { verdict: body(request).verdict },
  }),
  'PUT /api/projects/:projectId/adjudication/items/:itemId': (request, payload) => ({
    action: 'adjudication.save',
    projectId: params(request).projectId,
    target: (request.params as { itemId?: string }).itemId ?? null,
    details: { revision: fieldIn(payload, 'revision') ?? null },
  }),
  'GET /api/projects/:projectId/export': (request) => ({
    action: 'export.download',
    projectId: params(request).projectId,
    details: { format: (request.query as { format?: string }).format ?? null },
  }),
  // A background export's file leaving the server is the same event as a direct download.
  'GET /api/projects/:projectId/export-jobs/:jobId/file': (request) => ({
    action: 'export.download',
    projectId: params(request).projectId,
    target: (request.params as { jobId?: string }).jobId ?? null,
    details: { job: (request.params as { jobId?: string }).jobId ?? null },
  }),
};

/** The actions the trail records (for the permission and audit tests). */
export const AUDITED_ROUTES = Object.keys(RULES);

/** Records RULES' actions after they succeed; a failure to record is logged, never turned into a failed request. */
export function registerAuditTrail(app: FastifyInstance, audit: AuditService) {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400 || !request.routeOptions.url) return payload;
    const rule = RULES[`${request.method} ${request.routeOptions.url}`];
    if (!rule) return payload;
    const entry = rule(request, payload);
    const viaToken = request.user?.tokenScope?.tokenId;
    await audit
      .record({
        ...requestActor(request),
        ...entry,
        details: viaToken ? { ...entry.details, viaToken } : entry.details,
      })
      .catch((error: unknown) => request.log.error({ err: error, action: entry.action }, 'audit record failed'));
    return payload;
  });
}
