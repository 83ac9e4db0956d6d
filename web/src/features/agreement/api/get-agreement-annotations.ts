import { agreementAnnotationsResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { agreementKeyPrefix } from './get-agreement.ts';

/** Whose or which annotations the drill-down lists: one annotator's, or one item's. */
export type DrillDownTarget = { annotatorId: string } | { itemId: string };

export const getAgreementAnnotations = (projectId: string, target: DrillDownTarget, signal?: AbortSignal) =>
  apiJson(
    `/api/projects/${encodeURIComponent(projectId)}/agreement/annotations?${new URLSearchParams(target)}`,
    agreementAnnotationsResponse,
    { signal },
  );

export const agreementAnnotationsQueryOptions = (projectId: string, target: DrillDownTarget) =>
  queryOptions({
    queryKey: [...agreementKeyPrefix(projectId), 'annotations', target],
    queryFn: ({ signal }) => getAgreementAnnotations(projectId, target, signal),
  });

/** The drill-down from the dashboard to annotations; it shares the report's key prefix, so live refreshes reach it. */
export const useAgreementAnnotations = (projectId: string, target: DrillDownTarget) =>
  useQuery(agreementAnnotationsQueryOptions(projectId, target));
