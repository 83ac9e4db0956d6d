import { agreementReportSchema } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/** Items per batch of the "submission batches" series when the researcher has not picked another size. */
export const DEFAULT_BATCH_SIZE = 50;

export const getAgreement = (projectId: string, batchSize: number, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/agreement?batchSize=${batchSize}`, agreementReportSchema, {
    signal,
  });

/** The key prefix of every agreement query of a project (report at any batch size, drill-down lists). */
export const agreementKeyPrefix = (projectId: string) => ['agreement', projectId] as const;

export const agreementQueryOptions = (projectId: string, batchSize = DEFAULT_BATCH_SIZE) =>
  queryOptions({
    queryKey: [...agreementKeyPrefix(projectId), { batchSize }],
    queryFn: ({ signal }) => getAgreement(projectId, batchSize, signal),
    // Another batch size keeps the previous report on screen while the new one loads.
    placeholderData: (previous) => previous,
  });

/** The researcher's agreement report; `useLiveAgreement` refetches it when annotations arrive. */
export const useAgreement = (projectId: string, batchSize = DEFAULT_BATCH_SIZE) =>
  useQuery(agreementQueryOptions(projectId, batchSize));
