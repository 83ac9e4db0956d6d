// For `request.cookies`: the type comes with the plugin, which this file may be compiled without (bench, CLI).
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { commonErrors } from '../lib/app-error.ts';
import type { AuthService, SessionUser } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'feedbench_session';
/** What a read-only API token may call (every route keeps these methods free of side effects). */
const READ_METHODS = new Set(['GET', 'HEAD']);

/** How the request proved who it is: the browser's session cookie, or an API token in `Authorization: Bearer`. */
export type AuthMethod = 'session' | 'token';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    authMethod: AuthMethod | null;
  }
  interface FastifyContextConfig {
    /** `true` lets anonymous callers reach the route (every other API route requires a signed-in caller). */
    public?: true;
  }
}

/** API routes anonymous callers may reach, besides those marked `config: { public: true }` and the API docs. */
const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'GET /api/auth/csrf',
]);
const PUBLIC_PREFIX = '/api/docs';

/** Resolves an `Authorization: Bearer` API token to its owner (scoped), or undefined when unknown or revoked. */
export type TokenResolver = (token: string, request: FastifyRequest) => Promise<SessionUser | undefined>;

/**
 * Resolves the caller on every request; routes decide what they require. A request that carries an Authorization
 * header is judged by it alone (a bad token is 401 even with a valid cookie beside it), so a script never acts with a
 * browser session it happened to pick up, and CSRF checks (which apply to cookies only) cannot be bypassed by
 * sending a junk header.
 */
export function registerAuthentication(app: FastifyInstance, auth: AuthService, resolveToken?: TokenResolver) {
  app.decorateRequest('user', null);
  app.decorateRequest('authMethod', null);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user = match?.[1] && resolveToken ? await resolveToken(match[1], request) : undefined;
      if (!user) throw commonErrors.badToken();
      if (user.tokenScope?.access === 'read' && !READ_METHODS.has(request.method)) throw commonErrors.readOnlyToken();
      // The address rides with the caller, so services record it in the audit trail (AuditActor).
      request.user = { ...user, ip: request.ip };
      request.authMethod = 'token';
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const user = token ? await auth.resolveSession(token) : undefined;
    request.user = user ? { ...user, ip: request.ip } : null;
    request.authMethod = user ? 'session' : null;
    if (!user && !isPublic(request)) throw commonErrors.unauthenticated();
  });
}

/**
 * Anonymous callers are refused here, in onRequest, before any body is read or parsed (issue 16: an anonymous
 * 100 MiB import body used to be buffered before the handler asked for a session). Unknown routes still answer 404,
 * and the web app's pages and assets (outside /api) are public.
 */
function isPublic(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  if (url === undefined || !url.startsWith('/api/') || url.startsWith(PUBLIC_PREFIX)) return true;
  if (request.routeOptions.config.public === true) return true;
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  return PUBLIC_ROUTES.has(`${method} ${url}`);
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw commonErrors.unauthenticated();
  return request.user;
}

export function requireAdmin(request: FastifyRequest): SessionUser {
  const user = requireUser(request);
  if (user.role !== 'admin') throw commonErrors.forbidden('this (admins only)');
  return user;
}
