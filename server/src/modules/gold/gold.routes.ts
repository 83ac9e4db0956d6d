import {
  annotationIdParams,
  goldAccuracyResponse,
  goldAnnotatorParams,
  goldCandidateListQuery,
  goldCandidateListResponse,
  goldItemListQuery,
  goldItemListResponse,
  goldItemParams,
  goldMarkResponse,
  goldSettingsBody,
  goldSettingsSchema,
  markGoldBody,
  projectIdParams,
  resumeAnnotatorResponse,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { GoldService } from './gold.service.ts';

/** Researchers' gold routes; every one refuses annotators and reviewers (they must not learn which items are gold). */
export function goldRoutes(gold: GoldService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['gold'];
    app.get(
      '/api/projects/:projectId/gold',
      {
        schema: {
          tags,
          description: "The project's gold items, newest marked first, a keyset page at a time",
          params: projectIdParams,
          querystring: goldItemListQuery,
          response: { 200: goldItemListResponse },
        },
      },
      async (request) => gold.list(requireUser(request), request.params.projectId, request.query),
    );

    app.get(
      '/api/projects/:projectId/gold/candidates',
      {
        schema: {
          tags,
          description:
            "Annotations on items that are not gold, newest first, a keyset page at a time: their answers can become the item's reference answers. `q`: an item's exact external id, or text of its prompt",
          params: projectIdParams,
          querystring: goldCandidateListQuery,
          response: { 200: goldCandidateListResponse },
        },
      },
      async (request) => gold.candidates(requireUser(request), request.params.projectId, request.query),
    );

    app.put(
      '/api/projects/:projectId/items/:itemId/gold',
      { schema: { tags, params: goldItemParams, body: markGoldBody, response: { 200: goldMarkResponse } } },
      async (request) => {
        const { projectId, itemId } = request.params;
        await gold.mark(requireUser(request), projectId, itemId, request.body.answers);
        return { itemId, gold: true };
      },
    );

    app.delete(
      '/api/projects/:projectId/items/:itemId/gold',
      { schema: { tags, params: goldItemParams, response: { 200: goldMarkResponse } } },
      async (request) => {
        const { projectId, itemId } = request.params;
        await gold.unmark(requireUser(request), projectId, itemId);
        return { itemId, gold: false };
      },
    );

    app.post(
      '/api/annotations/:annotationId/gold',
      { schema: { tags, params: annotationIdParams, response: { 200: goldMarkResponse } } },
      async (request) => ({
        ...(await gold.markFromAnnotation(requireUser(request), request.params.annotationId)),
        gold: true,
      }),
    );

    app.get(
      '/api/projects/:projectId/gold/accuracy',
      { schema: { tags, params: projectIdParams, response: { 200: goldAccuracyResponse } } },
      async (request) => gold.accuracy(requireUser(request), request.params.projectId),
    );

    app.put(
      '/api/projects/:projectId/gold/settings',
      { schema: { tags, params: projectIdParams, body: goldSettingsBody, response: { 200: goldSettingsSchema } } },
      async (request) => gold.updateSettings(requireUser(request), request.params.projectId, request.body),
    );

    app.post(
      '/api/projects/:projectId/gold/annotators/:userId/resume',
      { schema: { tags, params: goldAnnotatorParams, response: { 200: resumeAnnotatorResponse } } },
      async (request) => {
        const { projectId, userId } = request.params;
        await gold.resume(requireUser(request), projectId, userId);
        return { userId, paused: false };
      },
    );
  };
}
