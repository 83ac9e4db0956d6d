import { datasetStatisticsSchema, exportQuery, projectIdParams } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { CONTENT_TYPES } from './export-content-types.ts';
import { exportJobsRoutes } from './export-jobs.routes.ts';
import type { ExportsService } from './exports.service.ts';
import { exportFileName } from './exports.types.ts';
import { snapshotsRoutes } from './snapshots.routes.ts';

export function exportsRoutes(projects: ProjectsService, exports: ExportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/export',
      {
        schema: {
          tags: ['exports'],
          description:
            'Streams the project in the chosen format as JSONL, a .jsonl.gz file or a Parquet file (fileFormat)',
          params: projectIdParams,
          querystring: exportQuery,
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const project = await projects.accessAsResearcher(user, request.params.projectId);
        const { fileFormat, ...options } = request.query;
        const body = await exports.download(user, project, options, fileFormat);
        const fileName = exportFileName(project.name, options.format, options.split, fileFormat);
        body.on('error', (error) => request.log.error({ err: error }, 'export stream failed'));
        // gzip is a real .gz file, not Content-Encoding: clients must not unpack it on the way.
        return reply
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('x-content-type-options', 'nosniff')
          .header('content-type', CONTENT_TYPES[fileFormat])
          .send(body);
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
        const { fileFormat: _, ...options } = request.query;
        return exports.statistics(project, options);
      },
    );

    await app.register(snapshotsRoutes(projects, exports.snapshots));
    await app.register(exportJobsRoutes(projects, exports.jobs));
  };
}
