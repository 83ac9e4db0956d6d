import { createUserBody, loginBody, meResponse, userListResponse } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin, requireUser, SESSION_COOKIE } from '../../plugins/authenticate.ts';
import { type AuthService, toUser } from './auth.service.ts';

export function authRoutes(auth: AuthService, cookie: { secure: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      { schema: { tags: ['auth'], body: loginBody, response: { 200: meResponse } } },
      async (request, reply) => {
        const session = await auth.login(request.body.email, request.body.password);
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: cookie.secure,
          expires: session.expiresAt,
        });
        return { user: session.user };
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
      requireUser(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
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
        return reply.status(201).send({ user: await auth.createUser(request.body) });
      },
    );
  };
}
