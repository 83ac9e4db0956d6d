import { leaderboardQuery, leaderboardResponse, projectIdParams } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { LeaderboardService } from './leaderboard.service.ts';

export function leaderboardRoutes(leaderboard: LeaderboardService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/leaderboard',
      {
        schema: {
          tags: ['leaderboard'],
          params: projectIdParams,
          querystring: leaderboardQuery,
          response: { 200: leaderboardResponse },
        },
      },
      (request) => leaderboard.leaderboard(requireUser(request), request.params.projectId, request.query),
    );
  };
}
