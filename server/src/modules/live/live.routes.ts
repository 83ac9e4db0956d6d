import { createHash } from 'node:crypto';
import { projectIdParams } from '@feedbench/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/app-error.ts';
import { requireUser, SESSION_COOKIE } from '../../plugins/authenticate.ts';
import { checkSocketOrigin } from '../../plugins/websocket-origin.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { LiveCredential } from './live.repository.ts';
import { type LiveHub, MAX_SOCKETS_PER_USER } from './live-hub.ts';

/**
 * Calls that can end a socket's right to stream (sign-out, leaving a workspace, a changed project role): after one
 * succeeds, every socket of this instance is re-checked at once (other instances catch up at their next event or
 * sweep, see live-hub.ts).
 */
const ENDS_ACCESS = new Set([
  'POST /api/auth/logout',
  'DELETE /api/workspaces/:workspaceId/members/:userId',
  'POST /api/workspaces/:workspaceId/members',
  'POST /api/projects/:projectId/members',
  'DELETE /api/tokens/:tokenId',
]);

/** Re-checks the sockets after calls that can end access (register at the root: it must see every route). */
export function registerLiveRechecks(app: FastifyInstance, hub: LiveHub) {
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode < 400 && ENDS_ACCESS.has(`${request.method} ${request.routeOptions.url}`)) {
      await hub.recheckAll();
    }
  });
}

/** The project role found when the socket's upgrade was checked, for the handler that runs after it. */
const roleAtUpgrade = new WeakMap<FastifyRequest, string>();

export function liveRoutes(
  projects: ProjectsService,
  hub: LiveHub,
  options: { allowedOrigins: readonly string[] } = { allowedOrigins: [] },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/live',
      {
        websocket: true,
        schema: { tags: ['live'], params: projectIdParams, hide: true },
        // No body to read: the origin is judged before the caller (below), so it is exempt from the onRequest refusal.
        config: { public: true },
        // Checked before the upgrade, so a refused socket gets a plain 401/403/404/429 answer. The Origin first: a
        // page of another site must learn nothing, not even whether the project exists.
        preValidation: async (request) => {
          checkSocketOrigin(request, options.allowedOrigins);
          const { projectId } = request.params as { projectId: string };
          const user = requireUser(request);
          const { role } = await projects.access(user, projectId);
          if (!hub.hasRoom(user.id)) {
            throw new AppError(
              'live.too_many_sockets',
              429,
              `At most ${MAX_SOCKETS_PER_USER} live connections per account; close another tab first`,
            );
          }
          roleAtUpgrade.set(request, role);
        },
      },
      (socket, request) => {
        const user = requireUser(request);
        const sessionToken = request.cookies[SESSION_COOKIE];
        const credential: LiveCredential = user.tokenScope
          ? { kind: 'token', tokenId: user.tokenScope.tokenId }
          : // The session's key as the sessions table stores it (auth.service hashes the cookie token the same way).
            {
              kind: 'session',
              tokenHash: createHash('sha256')
                .update(sessionToken ?? '')
                .digest('hex'),
            };
        hub.watch(request.params.projectId, socket, {
          userId: user.id,
          credential,
          role: roleAtUpgrade.get(request) ?? 'annotator',
        });
      },
    );
  };
}
