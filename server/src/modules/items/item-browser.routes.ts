import {
  itemDetailParams,
  itemDetailResponse,
  itemListQuery,
  itemListResponse,
  projectIdParams,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ItemBrowserService } from './item-browser.service.ts';

export function itemBrowserRoutes(browser: ItemBrowserService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/items',
      {
        schema: {
          tags: ['items'],
          params: projectIdParams,
          querystring: itemListQuery,
          response: { 200: itemListResponse },
        },
      },
      (request) => browser.list(requireUser(request), request.params.projectId, request.query),
    );

    app.get(
      '/api/projects/:projectId/items/:itemId',
      { schema: { tags: ['items'], params: itemDetailParams, response: { 200: itemDetailResponse } } },
      (request) => browser.detail(requireUser(request), request.params.projectId, request.params.itemId),
    );
  };
}
