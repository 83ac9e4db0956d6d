import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/app-error.ts';
import { isRetryableDatabaseError } from './database-errors.ts';

/**
 * One place maps every failure to `{ error: { code, message, details } }`. Validation errors name the field path;
 * 5xx never leak internals: they are logged with the request id and answered with that id only.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((v) => ({
        path: [error.validationContext, ...pathOf(v.instancePath)].filter(Boolean).join('.'),
        message: v.message ?? 'invalid',
      }));
      const first = problems[0];
      return reply.status(400).send({
        error: {
          code: 'request.invalid',
          message: first ? `${first.path}: ${first.message}` : 'Invalid request',
          details: { problems },
        },
      });
    }
    if (isRetryableDatabaseError(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '1')
        .send({ error: { code: 'database.unavailable', message: 'The database is briefly unavailable; retry' } });
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    const framework = frameworkError(fastifyError, request);
    if (framework) return reply.status(framework.status).send({ error: framework.error });
    if (status < 500) {
      return reply.status(status).send({
        error: { code: `http.${fastifyError.code ?? status}`.toLowerCase(), message: fastifyError.message },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'internal', message: `Internal error (request ${request.id})` },
    });
  });
}

export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .send({ error: { code: 'route.not_found', message: `No route ${request.method} ${request.url}` } });
}

/** Body-parsing failures, named so a client can tell "too big" from "not JSON" without reading Fastify codes. */
function frameworkError(error: FastifyError, request: FastifyRequest) {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit;
      return {
        status: 413,
        error: {
          code: 'request.too_large',
          message: `The request body is larger than this route accepts (${formatBytes(limit)})`,
          details: { limitBytes: limit },
        },
      };
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        error: {
          code: 'request.unsupported_media_type',
          message: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here; send application/json`,
        },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        error: { code: 'request.malformed_json', message: `Malformed JSON body: ${error.message}` },
      };
    default:
      // JSON.parse's own errors, and secure-json-parse refusing __proto__ / constructor.prototype keys.
      if (error instanceof SyntaxError && error.statusCode === 400) {
        return {
          status: 400,
          error: { code: 'request.malformed_json', message: `Malformed JSON body: ${error.message}` },
        };
      }
      return undefined;
  }
}

function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function pathOf(instancePath: string): string[] {
  return instancePath.split('/').filter(Boolean);
}
