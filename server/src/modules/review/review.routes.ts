import {
  annotationIdParams,
  projectIdParams,
  reviewBody,
  reviewListQuery,
  reviewListResponse,
  reviewQueueQuery,
  reviewQueueResponse,
  reviewSchema,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ReviewService } from './review.service.ts';

export function reviewRoutes(review: ReviewService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['review'];
    app.get(
      '/api/projects/:projectId/review-queue',
      {
        schema: {
          tags,
          params: projectIdParams,
          querystring: reviewQueueQuery,
          response: { 200: reviewQueueResponse },
        },
      },
      async (request) => ({
        entries: await review.queue(requireUser(request), request.params.projectId, request.query.limit),
      }),
    );

    app.post(
      '/api/annotations/:annotationId/review',
      { schema: { tags, params: annotationIdParams, body: reviewBody, response: { 201: reviewSchema } } },
      async (request, reply) =>
        reply.status(201).send(await review.review(requireUser(request), request.params.annotationId, request.body)),
    );

    app.get(
      '/api/projects/:projectId/reviews',
      {
        schema: { tags, params: projectIdParams, querystring: reviewListQuery, response: { 200: reviewListResponse } },
      },
      (request) => review.list(requireUser(request), request.params.projectId, request.query),
    );

    app.get(
      '/api/projects/:projectId/my-reviews',
      {
        schema: { tags, params: projectIdParams, querystring: reviewListQuery, response: { 200: reviewListResponse } },
      },
      (request) => review.mine(requireUser(request), request.params.projectId, request.query),
    );
  };
}
