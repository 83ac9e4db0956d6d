import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { datasetStatisticsSchema, exportQuery, projectIdParams } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { type ExportsService, exportFileName } from './exports.service.ts';
import { snapshotsRoutes } from './snapshots.routes.ts';

export function exportsRoutes(projects: ProjectsService, exports: ExportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/export',
      {
        schema: {
          tags: ['exports'],
          description: 'Streams the project as JSONL (or a .jsonl.gz file with gzip=true) in the chosen format',
          params: projectIdParams,
          querystring: exportQuery,
        },
      },
      async (request, reply) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        const { gzip, ...options } = request.query;
        const source = Readable.from(exports.lines(project, options));
        const fileName = exportFileName(project.name, options.format, options.split, gzip);
        reply
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('x-content-type-options', 'nosniff');
        if (!gzip) return reply.header('content-type', 'application/x-ndjson; charset=utf-8').send(source);
        // A real .gz file, not Content-Encoding: clients must not unpack it on the way.
        const gzipped = createGzip();
        pipeline(source, gzipped).catch((error) => request.log.error({ err: error }, 'export stream failed'));
        return reply.header('content-type', 'application/gzip').send(gzipped);
      },
    );

    app.get(
      '/api/projects/:projectId/export/summary',
      {
        schema: {
          tags: ['exports'],
          description:
            'What the export with this query would hold: counts, agreement with intervals, reference agreement',
          params: projectIdParams,
          querystring: exportQuery,
          response: { 200: datasetStatisticsSchema },
        },
      },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        const { gzip: _, ...options } = request.query;
        return exports.statistics(project, options);
      },
    );

    await app.register(snapshotsRoutes(projects, exports.snapshots));
  };
}
