import { Readable } from 'node:stream';
import {
  createSnapshotBody,
  projectIdParams,
  snapshotDetailSchema,
  snapshotFileParams,
  snapshotFileQuery,
  snapshotListResponse,
  snapshotParams,
  snapshotSchema,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { SnapshotsService } from './snapshots.service.ts';

export function snapshotsRoutes(projects: ProjectsService, snapshots: SnapshotsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/projects/:projectId/snapshots',
      {
        schema: {
          tags: ['exports'],
          description: 'Saves the export as a named, immutable dataset version with its dataset card',
          params: projectIdParams,
          body: createSnapshotBody,
          response: { 201: snapshotSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const project = await projects.accessAsResearcher(user, request.params.projectId);
        return reply.code(201).send(await snapshots.create(project, user.id, request.body));
      },
    );

    app.get(
      '/api/projects/:projectId/snapshots',
      { schema: { tags: ['exports'], params: projectIdParams, response: { 200: snapshotListResponse } } },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return { snapshots: await snapshots.list(project.id) };
      },
    );

    app.get(
      '/api/projects/:projectId/snapshots/:snapshotId',
      { schema: { tags: ['exports'], params: snapshotParams, response: { 200: snapshotDetailSchema } } },
      async (request) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return snapshots.detail(project.id, request.params.snapshotId);
      },
    );

    app.get(
      '/api/projects/:projectId/snapshots/:snapshotId/files/:file',
      {
        schema: {
          tags: ['exports'],
          description: 'A snapshot file (data.jsonl, train.jsonl, test.jsonl) or its README.md card',
          params: snapshotFileParams,
          querystring: snapshotFileQuery,
        },
      },
      async (request, reply) => {
        const project = await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        const { snapshotId, file } = request.params;
        const { gzip } = request.query;
        const found = await snapshots.file(project.id, snapshotId, file, gzip);
        reply.header('x-content-type-options', 'nosniff');
        if (found.kind === 'card') {
          return reply
            .header('content-type', 'text/markdown; charset=utf-8')
            .header('content-disposition', 'attachment; filename="README.md"')
            .send(found.text);
        }
        const fileName = `${found.name}.${file}${gzip ? '.gz' : ''}`;
        return reply
          .header('content-type', gzip ? 'application/gzip' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(Readable.from(found.body));
      },
    );
  };
}
