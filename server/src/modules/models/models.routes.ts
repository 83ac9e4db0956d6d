import {
  createModelConnectionBody,
  modelConnectionIdParams,
  modelConnectionListQuery,
  modelConnectionListResponse,
  modelConnectionSchema,
  projectIdParams,
  testModelConnectionBody,
  testModelConnectionResponse,
  updateModelConnectionBody,
  usableModelConnectionListResponse,
  workspaceIdParams,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { ModelsService } from './models.service.ts';

/** "Test connection" calls per user per minute: each is a real (maybe paid) model call. */
const TESTS_PER_MINUTE = 20;

export function modelsRoutes(
  models: ModelsService,
  projects: Pick<ProjectsService, 'accessAsResearcher'>,
): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['models'];
    app.get(
      '/api/model-connections',
      { schema: { tags, querystring: modelConnectionListQuery, response: { 200: modelConnectionListResponse } } },
      async (request) => ({ connections: await models.list(requireUser(request), request.query.workspaceId) }),
    );

    app.post(
      '/api/model-connections',
      { schema: { tags, body: createModelConnectionBody, response: { 201: modelConnectionSchema } } },
      async (request, reply) => reply.status(201).send(await models.create(requireUser(request), request.body)),
    );

    app.patch(
      '/api/model-connections/:connectionId',
      {
        schema: {
          tags,
          params: modelConnectionIdParams,
          body: updateModelConnectionBody,
          response: { 200: modelConnectionSchema },
        },
      },
      async (request) => models.update(requireUser(request), request.params.connectionId, request.body),
    );

    app.delete(
      '/api/model-connections/:connectionId',
      { schema: { tags, params: modelConnectionIdParams, response: { 200: modelConnectionSchema } } },
      async (request) => models.remove(requireUser(request), request.params.connectionId),
    );

    app.post(
      '/api/model-connections/:connectionId/test',
      {
        schema: {
          tags,
          params: modelConnectionIdParams,
          body: testModelConnectionBody.optional(),
          response: { 200: testModelConnectionResponse },
        },
        preHandler: app.rateLimit({
          max: TESTS_PER_MINUTE,
          timeWindow: 60 * 1000,
          keyGenerator: (request) => `model-test:${request.user?.id}`,
          allowList: (request) => !request.user,
        }),
      },
      async (request) => models.test(requireUser(request), request.params.connectionId, request.body ?? {}),
    );

    // The connections a new chat project of the workspace may use, for anyone who may create one (no URLs).
    app.get(
      '/api/workspaces/:workspaceId/model-connections',
      {
        schema: {
          tags,
          params: workspaceIdParams,
          response: { 200: usableModelConnectionListResponse },
        },
      },
      async (request) => ({
        connections: await models.usableForNewProject(requireUser(request), request.params.workspaceId),
      }),
    );

    // The connections a project's researchers may sample from (no URLs: those are for the workspace's managers).
    app.get(
      '/api/projects/:projectId/model-connections',
      {
        schema: {
          tags,
          params: projectIdParams,
          response: { 200: usableModelConnectionListResponse },
        },
      },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return { connections: await models.connectionsUsableIn(project.id) };
      },
    );
  };
}
