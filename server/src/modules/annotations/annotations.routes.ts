import {
  annotationListQuery,
  annotationListResponse,
  heartbeatResponse,
  leaseIdParams,
  nextTaskResponse,
  preparedTaskResponse,
  projectIdParams,
  skipBody,
  submitBody,
  submitResponse,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { AnnotationsService } from './annotations.service.ts';

export function annotationsRoutes(annotations: AnnotationsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['tasks'];
    app.post(
      '/api/projects/:projectId/tasks/next',
      { schema: { tags, params: projectIdParams, response: { 200: nextTaskResponse } } },
      async (request) => ({ task: await annotations.nextTask(requireUser(request), request.params.projectId) }),
    );

    app.post(
      '/api/projects/:projectId/tasks/prepare',
      {
        schema: {
          tags,
          description:
            'Prepares the task after the held one, so the page can show it the moment the held one is submitted',
          params: projectIdParams,
          response: { 200: preparedTaskResponse },
        },
      },
      async (request) => ({ task: await annotations.preparedTask(requireUser(request), request.params.projectId) }),
    );

    app.post(
      '/api/leases/:leaseId/submit',
      { schema: { tags, params: leaseIdParams, body: submitBody, response: { 200: submitResponse } } },
      (request) => annotations.submit(requireUser(request), request.params.leaseId, request.body),
    );

    app.get(
      '/api/projects/:projectId/annotations',
      {
        schema: {
          tags: ['annotations'],
          params: projectIdParams,
          querystring: annotationListQuery,
          response: { 200: annotationListResponse },
        },
      },
      (request) => annotations.list(requireUser(request), request.params.projectId, request.query),
    );

    app.post(
      '/api/leases/:leaseId/heartbeat',
      { schema: { tags, params: leaseIdParams, response: { 200: heartbeatResponse } } },
      (request) => annotations.heartbeat(requireUser(request), request.params.leaseId),
    );

    app.post(
      '/api/leases/:leaseId/skip',
      { schema: { tags, params: leaseIdParams, body: skipBody } },
      async (request, reply) => {
        await annotations.skip(requireUser(request), request.params.leaseId, request.body);
        return reply.status(204).send();
      },
    );
  };
}
