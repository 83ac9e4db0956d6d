import { Readable } from 'node:stream';
import {
  type ImportJobQuery,
  importJobListQuery,
  importJobListResponse,
  importJobParams,
  importJobQuery,
  importJobSchema,
  importPreviewQuery,
  importPreviewSchema,
  importResultSchema,
  outputScoresBody,
  outputScoresResponse,
  projectIdParams,
} from '@feedbench/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { ImportProject, ImportSource } from './import-jobs.service.ts';
import { itemErrors } from './items.errors.ts';
import type { ItemsService } from './items.service.ts';

/** What an import body may be sent as; the bytes are read as they are (gzip recognised by its magic bytes). */
const IMPORT_CONTENT_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'text/plain',
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
];

const importBodyDescription =
  'JSONL: one item per line, in the format the query names (default feedbench); gzip is unpacked. Streamed: any size ' +
  'up to 2 GiB, in bounded memory';

export function itemsRoutes(projects: ProjectsService, items: ItemsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Shutdown cancels the imports running in this process (recorded failed) before the database closes.
    app.addHook('onClose', () => items.imports.close());

    // Import bodies are never buffered: the parser hands the request stream on, the import service reads it line by
    // line as it arrives, with backpressure. Only these routes accept the types (the plugin is encapsulated).
    app.addContentTypeParser(IMPORT_CONTENT_TYPES, (_request, payload, done) => done(null, payload));

    // Who may import is settled before a byte of the body is read (onRequest, after authentication and CSRF): an
    // anonymous or unauthorized upload costs the server nothing (issue 16: 100 MiB bodies were buffered first).
    const authorized = new WeakMap<FastifyRequest, ImportProject>();
    const authorizeImport = async (request: FastifyRequest) => {
      const params = projectIdParams.safeParse(request.params);
      // A malformed id is answered 400 by validation; the body is a stream nobody reads.
      if (!params.success) return;
      authorized.set(request, await projects.accessAsResearcher(requireUser(request), params.data.projectId));
      // Only a file body streams; JSON or form bodies would be parsed (buffered) and are no file: refused unread.
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!IMPORT_CONTENT_TYPES.includes(mediaType)) throw itemErrors.unsupportedBody(IMPORT_CONTENT_TYPES);
    };
    const sourceOf = (request: FastifyRequest, query: ImportJobQuery): ImportSource => {
      if (!(request.body instanceof Readable)) throw itemErrors.unsupportedBody(IMPORT_CONTENT_TYPES);
      const length = Number(request.headers['content-length']);
      return {
        body: request.body as Readable,
        format: query.format,
        fileName: query.fileName,
        bytesTotal: Number.isSafeInteger(length) && length > 0 ? length : null,
      };
    };
    const projectOf = async (request: FastifyRequest, projectId: string) =>
      authorized.get(request) ?? projects.accessAsResearcher(requireUser(request), projectId);

    app.post(
      '/api/projects/:projectId/imports',
      {
        onRequest: authorizeImport,
        schema: {
          tags: ['items'],
          description: `Imports a file and answers when it is in (or refused whole, 422 naming each bad line). ${importBodyDescription}`,
          params: projectIdParams,
          querystring: importJobQuery,
          response: { 200: importResultSchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const project = await projectOf(request, request.params.projectId);
        return items.imports.importWhole(project, user, sourceOf(request, request.query));
      },
    );

    app.post(
      '/api/projects/:projectId/import-jobs',
      {
        onRequest: authorizeImport,
        schema: {
          tags: ['items'],
          description:
            'Starts an import and answers 202 with its job once the file is uploaded; the file is checked and moved ' +
            `into the project in the background (progress on the job and in the project live socket). ${importBodyDescription}`,
          params: projectIdParams,
          querystring: importJobQuery,
          response: { 202: importJobSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const project = await projectOf(request, request.params.projectId);
        const started = await items.imports.start(project, user, sourceOf(request, request.query));
        await started.read;
        return reply.code(202).send(await items.imports.get(project.id, started.job.id));
      },
    );

    app.post(
      '/api/projects/:projectId/import-preview',
      {
        onRequest: authorizeImport,
        schema: {
          tags: ['items'],
          description:
            'The first lines of a file (at most 256 KiB of it is read; the browser sends only that head, with ' +
            '`partial=true`), parsed and checked as its import would be: items, outputs, metadata, the detected ' +
            'format, counts and line problems. Nothing is stored.',
          params: projectIdParams,
          querystring: importPreviewQuery,
          response: { 200: importPreviewSchema },
        },
      },
      async (request, reply) => {
        const project = await projectOf(request, request.params.projectId);
        if (!(request.body instanceof Readable)) throw itemErrors.unsupportedBody(IMPORT_CONTENT_TYPES);
        const body = request.body;
        // Read through an iterator that leaves the stream open when the preview stops early: destroying a request
        // mid-body would take the response down with it.
        const preview = await items.preview(project, {
          body: body.iterator({ destroyOnReturn: false }),
          format: request.query.format,
          lines: request.query.lines,
          partial: request.query.partial,
        });
        // The rest of a large body is not drained: the connection closes after the answer instead.
        if (!body.readableEnded) reply.header('connection', 'close');
        return preview;
      },
    );

    app.get(
      '/api/projects/:projectId/import-jobs',
      {
        schema: {
          tags: ['items'],
          description:
            "The project's imports, newest first, a keyset page at a time (a rejected one keeps its line report)",
          params: projectIdParams,
          querystring: importJobListQuery,
          response: { 200: importJobListResponse },
        },
      },
      async (request) => {
        await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return items.imports.list(request.params.projectId, request.query);
      },
    );

    app.get(
      '/api/projects/:projectId/import-jobs/:jobId',
      { schema: { tags: ['items'], params: importJobParams, response: { 200: importJobSchema } } },
      async (request) => {
        await projects.accessAsResearcher(requireUser(request), request.params.projectId);
        return items.imports.get(request.params.projectId, request.params.jobId);
      },
    );

    app.put(
      '/api/projects/:projectId/output-scores',
      {
        schema: {
          tags: ['items'],
          description:
            "Sets reward-model scores of outputs (by the import file's item and output ids; null clears one), all or " +
            'nothing; the score-margin ordering policy asks humans first where scores are closest',
          params: projectIdParams,
          body: outputScoresBody,
          response: { 200: outputScoresResponse },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const project = await projects.accessAsResearcher(user, request.params.projectId);
        return items.setOutputScores(user, project.id, request.body);
      },
    );
  };
}
