import {
  adjudicateBody,
  adjudicationItemParams,
  adjudicationItemSchema,
  adjudicationSchema,
  disagreementQueueQuery,
  disagreementQueueResponse,
  projectIdParams,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { AdjudicationService } from './adjudication.service.ts';

export function adjudicationRoutes(adjudication: AdjudicationService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['adjudication'];
    app.get(
      '/api/projects/:projectId/adjudication',
      {
        schema: {
          tags,
          params: projectIdParams,
          querystring: disagreementQueueQuery,
          response: { 200: disagreementQueueResponse },
        },
      },
      async (request) => adjudication.queue(requireUser(request), request.params.projectId, request.query),
    );

    app.get(
      '/api/projects/:projectId/adjudication/items/:itemId',
      { schema: { tags, params: adjudicationItemParams, response: { 200: adjudicationItemSchema } } },
      async (request) => adjudication.item(requireUser(request), request.params.projectId, request.params.itemId),
    );

    app.put(
      '/api/projects/:projectId/adjudication/items/:itemId',
      {
        schema: { tags, params: adjudicationItemParams, body: adjudicateBody, response: { 200: adjudicationSchema } },
      },
      async (request) =>
        adjudication.adjudicate(requireUser(request), request.params.projectId, request.params.itemId, request.body),
    );
  };
}
