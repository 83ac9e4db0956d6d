import {
  agreementAnnotationsQuery,
  agreementAnnotationsResponse,
  agreementQuery,
  agreementReportSchema,
  projectIdParams,
} from '@feedbench/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/authenticate.ts';
import type { AgreementService } from './agreement.service.ts';

export function agreementRoutes(agreement: AgreementService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects/:projectId/agreement',
      {
        schema: {
          tags: ['agreement'],
          params: projectIdParams,
          querystring: agreementQuery,
          response: { 200: agreementReportSchema },
        },
      },
      (request) => agreement.report(requireUser(request), request.params.projectId, request.query),
    );

    app.get(
      '/api/projects/:projectId/agreement/annotations',
      {
        schema: {
          tags: ['agreement'],
          params: projectIdParams,
          querystring: agreementAnnotationsQuery,
          response: { 200: agreementAnnotationsResponse },
        },
      },
      (request) => agreement.annotations(requireUser(request), request.params.projectId, request.query),
    );
  };
}
