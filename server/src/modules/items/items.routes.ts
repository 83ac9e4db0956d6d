import { importQuery, importResultSchema, projectIdParams } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { ItemsService } from './items.service.ts';

/** Largest import file accepted over HTTP; the CLI has no such limit. */
export const IMPORT_BODY_LIMIT = 100 * 1024 * 1024;

export function itemsRoutes(projects: ProjectsService, items: ItemsService): FastifyPluginAsyncZod {
  return async (app) => {
    // JSONL arrives as raw text, not JSON: parse it line by line in the service, where errors name the line.
    app.addContentTypeParser(
      ['application/x-ndjson', 'application/jsonl', 'text/plain'],
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/api/projects/:projectId/imports',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['items'],
          params: projectIdParams,
          querystring: importQuery,
          body: z.string().describe('JSONL: one item per line, in the format the query names (default feedbench)'),
          response: { 200: importResultSchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const project = await projects.accessAsResearcher(user, request.params.projectId);
        return items.importJsonl(project, request.body, request.query.format, user);
      },
    );
  };
}
