import { createUserBody, csrfResponse, loginBody, meResponse, userListResponse } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireUser, SESSION_COOKIE } from '../../plugins/authenticate.ts';
import { csrfTokenFor } from '../../plugins/csrf.ts';
import { requestActor } from '../audit/audit.routes.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { authErrors } from './auth.errors.ts';
import { type AuthService, toUser } from './auth.service.ts';
import type { LoginThrottle } from './login-throttle.ts';

export function authRoutes(
  auth: AuthService,
  options: { secure: boolean; loginThrottle: LoginThrottle; audit: AuditService },
): FastifyPluginAsyncZod {
  const { loginThrottle, audit } = options;
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        // Sign-in acts with the credentials in its body, not with a cookie; a JSON body cannot be sent cross-site
        // without a CORS preflight, so a forged sign-in form cannot reach the handler either.
        config: { csrf: false },
        schema: { tags: ['auth'], body: loginBody, response: { 200: meResponse } },
      },
      async (request, reply) => {
        // Counted before the password is checked (refused at once past a limit), settled after: see login-throttle.ts.
        // request.ip is the socket's address, or X-Forwarded-For's when TRUST_PROXY says a proxy sets it.
        const attempt = await loginThrottle.begin(request.ip, request.body.email);
        const session = await auth
          .login(request.body.email, request.body.password, { lane: request.ip })
          .catch(async (error: unknown) => {
            if (authErrors.isBadCredentials(error)) {
              await attempt.failed();
              await audit.record({ ...requestActor(request), action: 'auth.login_failed', target: request.body.email });
            } else {
              await attempt.unchecked();
            }
            throw error;
          });
        await attempt.succeeded();
        // The session this browser had before (if any) ends here: one live session per sign-in, never two.
        const previous = request.cookies[SESSION_COOKIE];
        if (previous) await auth.logout(previous);
        await audit.record({
          actorId: session.user.id,
          actorEmail: session.user.email,
          ip: request.ip,
          action: 'auth.login',
        });
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secure,
          expires: session.expiresAt,
        });
        return { user: session.user };
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
      requireUser(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.logout(token);
      await audit.record({ ...requestActor(request), action: 'auth.logout' });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    // The SPA reads its CSRF token here (never from a cookie); null when signed out, so the call never fails.
    app.get('/api/auth/csrf', { schema: { tags: ['auth'], response: { 200: csrfResponse } } }, async (request) => {
      const token = request.authMethod === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      return { csrfToken: token ? csrfTokenFor(token) : null };
    });

    app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: meResponse } } }, async (request) => {
      return { user: toUser(requireUser(request)) };
    });

    app.get('/api/users', { schema: { tags: ['users'], response: { 200: userListResponse } } }, async (request) => {
      requireAdmin(request);
      return { users: await auth.listUsers() };
    });

    app.post(
      '/api/users',
      {
        schema: { tags: ['users'], body: createUserBody, response: { 201: z.object({ user: meResponse.shape.user }) } },
      },
      async (request, reply) => {
        requireAdmin(request);
        const user = await auth.createUser(request.body);
        await audit.record({
          ...requestActor(request),
          action: 'user.create',
          target: user.email,
          details: { role: user.role },
        });
        return reply.status(201).send({ user });
      },
    );
  };
}
