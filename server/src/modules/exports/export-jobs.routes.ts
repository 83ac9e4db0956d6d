import {
  createExportJobBody,
  exportJobListQuery,
  exportJobListResponse,
  exportJobParams,
  exportJobSchema,
  projectIdParams,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { CONTENT_TYPES } from './export-content-types.ts';
import type { ExportJobsService } from './export-jobs.service.ts';

export function exportJobsRoutes(projects: ProjectsService, jobs: ExportJobsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Shutdown cancels the jobs running in this process (recorded failed) before the database closes.
    app.addHook('onClose', () => jobs.close());

    app.post(
      '/api/projects/:projectId/export-jobs',
      {
        schema: {
          tags: ['exports'],
          description:
            'Starts the export in the background (same options as GET export, as a JSON body); progress is on the ' +
            'job and in the project live socket',
          params: projectIdParams,
          body: createExportJobBody,
          response: { 202: exportJobSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const project = await projects.accessAsResearcher(user, request.params.projectId);
        return reply.code(202).send(await jobs.create(project, user.id, request.body));
      },
    );

    app.get(
      '/api/projects/:projectId/export-jobs',
      {
        schema: {
          tags: ['exports'],
          description: "The project's latest export jobs, newest first",
          params: projectIdParams,
          querystring: exportJobListQuery,
          response: { 200: exportJobListResponse },
        },
      },
      async (request) => {
        await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return jobs.list(request.params.projectId, request.query);
      },
    );

    app.get(
      '/api/projects/:projectId/export-jobs/:jobId',
      { schema: { tags: ['exports'], params: exportJobParams, response: { 200: exportJobSchema } } },
      async (request) => {
        await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return jobs.get(request.params.projectId, request.params.jobId);
      },
    );

    app.get(
      '/api/projects/:projectId/export-jobs/:jobId/file',
      {
        schema: {
          tags: ['exports'],
          description: "A finished job's file (409 while it runs or when it failed)",
          params: exportJobParams,
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        await projects.accessAsResearcher(user, request.params.projectId);
        const { job, body } = await jobs.download(user, request.params.projectId, request.params.jobId);
        return reply
          .header('content-disposition', `attachment; filename="${job.fileName}"`)
          .header('x-content-type-options', 'nosniff')
          .header('content-type', CONTENT_TYPES[job.fileFormat])
          .header('content-length', job.bytes)
          .send(body);
      },
    );
  };
}
