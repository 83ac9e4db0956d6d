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

function pathOf(instancePath: string): string[] {
  return instancePath.split('/').filter(Boolean);
}
