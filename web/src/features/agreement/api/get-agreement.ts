import { agreementReportSchema } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getAgreement = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/agreement`, agreementReportSchema, { signal });

export const agreementQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['agreement', projectId],
    queryFn: ({ signal }) => getAgreement(projectId, signal),
  });

/** The researcher's agreement report; `useLiveAgreement` refetches it when annotations arrive. */
export const useAgreement = (projectId: string) => useQuery(agreementQueryOptions(projectId));
