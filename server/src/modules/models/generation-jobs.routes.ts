import {
  createGenerationJobBody,
  generationJobDetailResponse,
  generationJobListResponse,
  generationJobParams,
  generationJobSchema,
  projectIdParams,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { GenerationJobsService } from './generation-jobs.service.ts';

/** Generation jobs of a project: its researchers (and admins) start, watch and cancel them. */
export function generationJobsRoutes(
  jobs: GenerationJobsService,
  projects: Pick<ProjectsService, 'accessAsResearcher'>,
): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['generation'];
    const base = '/api/projects/:projectId/generation-jobs';
    app.post(
      base,
      {
        schema: {
          tags,
          params: projectIdParams,
          body: createGenerationJobBody,
          response: { 202: generationJobSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const project = await projects.accessAsResearcher(user, request.params.projectId);
        return reply.status(202).send(await jobs.create(user, project, request.body));
      },
    );

    app.get(
      base,
      { schema: { tags, params: projectIdParams, response: { 200: generationJobListResponse } } },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return { jobs: await jobs.list(project.id) };
      },
    );

    app.get(
      `${base}/:jobId`,
      { schema: { tags, params: generationJobParams, response: { 200: generationJobDetailResponse } } },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return jobs.get(project.id, request.params.jobId);
      },
    );

    app.post(
      `${base}/:jobId/cancel`,
      { schema: { tags, params: generationJobParams, response: { 200: generationJobSchema } } },
      async (request) => {
        const user = requireUser(request);
        const project = await projects.accessAsResearcher(user, request.params.projectId);
        return jobs.cancel(user, project.id, request.params.jobId);
      },
    );
  };
}
