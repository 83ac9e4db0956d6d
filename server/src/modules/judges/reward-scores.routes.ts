import {
  createScoreJobBody,
  JOB_BODY_LIMIT,
  projectIdParams,
  scoreFailureListResponse,
  scoreJobListResponse,
  scoreJobParams,
  scoreJobSchema,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { RewardScoresService } from './reward-scores.service.ts';

/** Reward-model scoring jobs: researchers of the project only (the service checks). */
export function rewardScoresRoutes(scores: RewardScoresService): FastifyPluginAsyncZod {
  return async (app) => {
    // Shutdown stops this process's jobs (they stay running and resume on the next start) before the database closes.
    app.addHook('onClose', () => scores.close());
    const tags = ['judges'];

    app.post(
      '/api/projects/:projectId/score-jobs',
      {
        schema: {
          tags,
          description:
            "Scores every output of all or the selected items with a reward model (vLLM's POST /pooling) in the " +
            'background; each score becomes the output score the score-margin order reads',
          params: projectIdParams,
          body: createScoreJobBody,
          response: { 202: scoreJobSchema },
        },
        // Up to MAX_JOB_ITEM_IDS item ids: more than the 1 MiB other JSON bodies may hold.
        bodyLimit: JOB_BODY_LIMIT,
      },
      async (request, reply) =>
        reply.code(202).send(await scores.create(requireUser(request), request.params.projectId, request.body)),
    );

    app.get(
      '/api/projects/:projectId/score-jobs',
      { schema: { tags, params: projectIdParams, response: { 200: scoreJobListResponse } } },
      async (request) => ({ jobs: await scores.list(requireUser(request), request.params.projectId) }),
    );

    app.get(
      '/api/projects/:projectId/score-jobs/:jobId',
      { schema: { tags, params: scoreJobParams, response: { 200: scoreJobSchema } } },
      async (request) => scores.get(requireUser(request), request.params.projectId, request.params.jobId),
    );

    app.get(
      '/api/projects/:projectId/score-jobs/:jobId/failures',
      {
        schema: {
          tags,
          description: 'Items the reward model gave no score for after every attempt, with the last reason',
          params: scoreJobParams,
          response: { 200: scoreFailureListResponse },
        },
      },
      async (request) => ({
        failures: await scores.failures(requireUser(request), request.params.projectId, request.params.jobId),
      }),
    );

    app.post(
      '/api/projects/:projectId/score-jobs/:jobId/cancel',
      { schema: { tags, params: scoreJobParams, response: { 200: scoreJobSchema } } },
      async (request) => scores.cancel(requireUser(request), request.params.projectId, request.params.jobId),
    );
  };
}
