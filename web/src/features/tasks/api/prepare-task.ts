import { preparedTaskResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/**
 * The task after the held one, reserved for this annotator so the page can show it the moment they submit (see
 * useSubmitTask). Asking again returns the same prepared task; the submit's answer brings the following one.
 */
export const getPreparedTask = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/tasks/prepare`, preparedTaskResponse, {
    method: 'POST',
    signal,
  });

/** Keyed by the held lease it comes after: a task prepared after another lease is never shown after this one. */
export const preparedTaskQueryOptions = (projectId: string, afterLeaseId: string) =>
  queryOptions({
    queryKey: ['tasks', projectId, 'prepared', afterLeaseId],
    queryFn: ({ signal }) => getPreparedTask(projectId, signal),
    // Reserved until used: the submit that uses it answers with the next one.
    staleTime: Number.POSITIVE_INFINITY,
    // Kept a while unobserved: the submit's answer stores the next one before the page shows its task.
    gcTime: 5 * 60_000,
    retry: false,
  });

/** Prepares the task after `afterLeaseId` once that lease is the annotator's held task (`enabled`). */
export const usePreparedTask = (projectId: string, afterLeaseId: string | undefined, enabled: boolean) =>
  useQuery({ ...preparedTaskQueryOptions(projectId, afterLeaseId ?? ''), enabled: enabled && !!afterLeaseId });
