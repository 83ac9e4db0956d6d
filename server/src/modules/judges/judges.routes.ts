import {
  anchoringReportSchema,
  calibrationQuery,
  calibrationReportSchema,
  createJudgeBody,
  createJudgeJobBody,
  JOB_BODY_LIMIT,
  judgeAnswerListResponse,
  judgeConnectionListResponse,
  judgeDisagreementsResponse,
  judgeFailureListResponse,
  judgeJobListResponse,
  judgeJobParams,
  judgeJobSchema,
  judgeListResponse,
  judgeParams,
  judgeSchema,
  projectIdParams,
  suggestionSettingsSchema,
  updateSuggestionSettingsBody,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { JudgesService } from './judges.service.ts';

/** Model judges, judging jobs, calibration and suggestions: researchers of the project only (the service checks). */
export function judgesRoutes(judges: JudgesService): FastifyPluginAsyncZod {
  return async (app) => {
    // Shutdown stops this process's jobs (they stay running and resume on the next start) before the database closes.
    app.addHook('onClose', () => judges.jobs.close());
    const tags = ['judges'];

    app.get(
      '/api/projects/:projectId/judge-connections',
      {
        schema: {
          tags,
          description: 'The model connections a judge of this project may use',
          params: projectIdParams,
          response: { 200: judgeConnectionListResponse },
        },
      },
      async (request) => ({ connections: await judges.connections(requireUser(request), request.params.projectId) }),
    );

    app.get(
      '/api/projects/:projectId/judges',
      { schema: { tags, params: projectIdParams, response: { 200: judgeListResponse } } },
      async (request) => ({ judges: await judges.list(requireUser(request), request.params.projectId) }),
    );

    app.post(
      '/api/projects/:projectId/judges',
      {
        schema: {
          tags,
          description: 'Makes a model connection usable by the project a judge of its template',
          params: projectIdParams,
          body: createJudgeBody,
          response: { 201: judgeSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await judges.create(requireUser(request), request.params.projectId, request.body)),
    );

    app.delete(
      '/api/projects/:projectId/judges/:judgeId',
      { schema: { tags, description: 'Deletes the judge and its answers', params: judgeParams } },
      async (request, reply) => {
        await judges.remove(requireUser(request), request.params.projectId, request.params.judgeId);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/projects/:projectId/judges/:judgeId/answers',
      {
        schema: {
          tags,
          description: "The judge's answers (real output ids); never part of the human annotations or their exports",
          params: judgeParams,
          response: { 200: judgeAnswerListResponse },
        },
      },
      async (request) => ({
        answers: await judges.answers(requireUser(request), request.params.projectId, request.params.judgeId),
      }),
    );

    app.get(
      '/api/projects/:projectId/judges/:judgeId/disagreements',
      {
        schema: {
          tags,
          description:
            "Items where the judge's answer differs from the human annotators', most first, with every answer",
          params: judgeParams,
          response: { 200: judgeDisagreementsResponse },
        },
      },
      async (request) => judges.disagreements(requireUser(request), request.params.projectId, request.params.judgeId),
    );

    app.post(
      '/api/projects/:projectId/judge-jobs',
      {
        schema: {
          tags,
          description:
            'Starts judging all or the selected items in the background; progress is on the job and the live socket',
          params: projectIdParams,
          body: createJudgeJobBody,
          response: { 202: judgeJobSchema },
        },
        // Up to MAX_JOB_ITEM_IDS item ids: more than the 1 MiB other JSON bodies may hold.
        bodyLimit: JOB_BODY_LIMIT,
      },
      async (request, reply) =>
        reply.code(202).send(await judges.jobs.create(requireUser(request), request.params.projectId, request.body)),
    );

    app.get(
      '/api/projects/:projectId/judge-jobs',
      { schema: { tags, params: projectIdParams, response: { 200: judgeJobListResponse } } },
      async (request) => ({ jobs: await judges.jobs.list(requireUser(request), request.params.projectId) }),
    );

    app.get(
      '/api/projects/:projectId/judge-jobs/:jobId',
      { schema: { tags, params: judgeJobParams, response: { 200: judgeJobSchema } } },
      async (request) => judges.jobs.get(requireUser(request), request.params.projectId, request.params.jobId),
    );

    app.get(
      '/api/projects/:projectId/judge-jobs/:jobId/failures',
      {
        schema: {
          tags,
          description: 'Items a judge gave no valid answer for after every attempt, with the last reason',
          params: judgeJobParams,
          response: { 200: judgeFailureListResponse },
        },
      },
      async (request) => ({
        failures: await judges.jobs.failures(requireUser(request), request.params.projectId, request.params.jobId),
      }),
    );

    app.post(
      '/api/projects/:projectId/judge-jobs/:jobId/cancel',
      { schema: { tags, params: judgeJobParams, response: { 200: judgeJobSchema } } },
      async (request) => judges.jobs.cancel(requireUser(request), request.params.projectId, request.params.jobId),
    );

    app.get(
      '/api/projects/:projectId/calibration',
      {
        schema: {
          tags,
          description:
            "Each judge's agreement with the human annotators beside the humans' own, per question and optionally " +
            'per value of an item metadata field',
          params: projectIdParams,
          querystring: calibrationQuery,
          response: { 200: calibrationReportSchema },
        },
      },
      async (request) => judges.calibration(requireUser(request), request.params.projectId, request.query),
    );

    app.get(
      '/api/projects/:projectId/suggestions',
      { schema: { tags, params: projectIdParams, response: { 200: suggestionSettingsSchema } } },
      async (request) => judges.suggestionSettings(requireUser(request), request.params.projectId),
    );

    app.put(
      '/api/projects/:projectId/suggestions',
      {
        schema: {
          tags,
          description:
            "Whether annotators see a judge's answer as a suggestion: off, on, or a seeded half (experiment)",
          params: projectIdParams,
          body: updateSuggestionSettingsBody,
          response: { 200: suggestionSettingsSchema },
        },
      },
      async (request) => judges.updateSuggestionSettings(requireUser(request), request.params.projectId, request.body),
    );

    app.get(
      '/api/projects/:projectId/anchoring',
      {
        schema: {
          tags,
          description: 'The suggestion experiment: agreement with the judge in each arm and the difference (anchoring)',
          params: projectIdParams,
          response: { 200: anchoringReportSchema },
        },
      },
      async (request) => judges.anchoring(requireUser(request), request.params.projectId),
    );
  };
}
