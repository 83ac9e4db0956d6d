import { Readable } from 'node:stream';
import { exportQuery, projectIdParams } from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { ExportsService } from './exports.service.ts';

export function exportsRoutes(projects: ProjectsService, exports: ExportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/export',
      { schema: { tags: ['exports'], params: projectIdParams, querystring: exportQuery } },
      async (request, reply) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        const { format } = request.query;
        const slug = project.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'project';
        return reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="${slug}.${format}.jsonl"`)
          .header('x-content-type-options', 'nosniff')
          .send(Readable.from(exports.lines(project.id, format)));
      },
    );
  };
}
