import {
  adminUserResponse,
  changePasswordBody,
  createUserBody,
  createUserResponse,
  csrfResponse,
  loginBody,
  meResponse,
  resetPasswordBody,
  updateMeBody,
  updateUserBody,
  userIdParams,
  userListResponse,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { commonErrors } from '../../lib/app-error.ts';
import { requireAdmin, requireUser, SESSION_COOKIE } from '../../plugins/authenticate.ts';
import { csrfTokenFor } from '../../plugins/csrf.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthService } from './auth.service.ts';
import type { LoginThrottle } from './login-throttle.ts';

export function authRoutes(
  auth: AuthService,
  options: { secure: boolean; loginThrottle: LoginThrottle },
): FastifyPluginAsyncZod {
  const { loginThrottle } = options;
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
        // request.ip is the socket's address, or X-Forwarded-For's when TRUST_PROXY says a proxy sets it. A failed
        // sign-in is audited by auth.login.
        const attempt = await loginThrottle.begin(request.ip, request.body.email);
        const session = await auth
          .login(request.body.email, request.body.password, { ip: request.ip })
          .catch(async (error: unknown) => {
            if (authErrors.isBadCredentials(error)) await attempt.failed();
            else await attempt.unchecked();
            throw error;
          });
        await attempt.succeeded();
        // The session this browser had before (if any) ends here: one live session per sign-in, never two.
        const previous = request.cookies[SESSION_COOKIE];
        if (previous) await auth.logout(previous);
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
      await auth.signOut(requireUser(request), request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    // The SPA reads its CSRF token here (never from a cookie); null when signed out, so the call never fails.
    app.get('/api/auth/csrf', { schema: { tags: ['auth'], response: { 200: csrfResponse } } }, async (request) => {
      const token = request.authMethod === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      return { csrfToken: token ? csrfTokenFor(token) : null };
    });

    app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: meResponse } } }, async (request) => ({
      user: await auth.account(requireUser(request)),
    }));

    // One's own preferences (the UI language), remembered for every browser the account signs in from. Set by the
    // person at the keyboard: a session, never an API token (a token is for data, not for its owner's settings).
    app.patch(
      '/api/auth/me',
      { schema: { tags: ['auth'], body: updateMeBody, response: { 200: meResponse } } },
      async (request) => {
        const user = requireUser(request);
        if (request.authMethod !== 'session') throw commonErrors.forbidden('this with an API token');
        return { user: await auth.updateAccount(user, request.body) };
      },
    );

    app.get('/api/users', { schema: { tags: ['users'], response: { 200: userListResponse } } }, async (request) => {
      requireAdmin(request);
      return { users: await auth.listUsers() };
    });

    app.post(
      '/api/users',
      {
        schema: { tags: ['users'], body: createUserBody, response: { 201: createUserResponse } },
      },
      async (request, reply) => {
        const user = await auth.createUser(request.body, requireAdmin(request));
        return reply.status(201).send({ user });
      },
    );

    // A password is changed by the person at the keyboard: a session, never an API token.
    app.put('/api/auth/password', { schema: { tags: ['auth'], body: changePasswordBody } }, async (request, reply) => {
      const user = requireUser(request);
      if (request.authMethod !== 'session') throw commonErrors.forbidden('this with an API token');
      const { currentPassword, newPassword } = request.body;
      await auth.changeOwnPassword(user, request.cookies[SESSION_COOKIE], currentPassword, newPassword);
      return reply.status(204).send();
    });

    app.patch(
      '/api/users/:userId',
      { schema: { tags: ['users'], params: userIdParams, body: updateUserBody, response: { 200: adminUserResponse } } },
      async (request) => {
        const admin = requireAdmin(request);
        const user = await auth.setDisabled(admin, request.params.userId, request.body.disabled);
        return { user };
      },
    );

    app.put(
      '/api/users/:userId/password',
      { schema: { tags: ['users'], params: userIdParams, body: resetPasswordBody } },
      async (request, reply) => {
        await auth.resetPassword(requireAdmin(request), request.params.userId, request.body.password);
        return reply.status(204).send();
      },
    );
  };
}
