import type { FastifyInstance, FastifyRequest } from 'fastify';
import { commonErrors } from '../lib/app-error.ts';
import type { AuthService, SessionUser } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'feedbench_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** Resolves the session cookie to `request.user` on every request; routes decide what they require. */
export function registerAuthentication(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.user = token ? ((await auth.resolveSession(token)) ?? null) : null;
  });
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
