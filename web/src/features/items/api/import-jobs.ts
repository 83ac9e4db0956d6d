import {
  IMPORT_PREVIEW_LIMITS,
  type ImportFormat,
  type ImportJob,
  importJobListResponse,
  importJobSchema,
  importPreviewSchema,
} from '@feedbench/shared';
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { apiJson } from '../../../lib/api-client.ts';
import { type JobPages, mergeLiveJobs } from '../../../lib/live-job-pages.ts';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';

const jobsPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/import-jobs`;

export const getImportJobs = (projectId: string, cursor: string | undefined, signal?: AbortSignal) =>
  apiJson(`${jobsPath(projectId)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, importJobListResponse, {
    signal,
  });

/** Keyset pages of the project's imports, newest first. */
export const importJobsQueryOptions = (projectId: string) =>
  infiniteQueryOptions({
    queryKey: ['imports', projectId, 'jobs'],
    queryFn: ({ pageParam, signal }) => getImportJobs(projectId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/**
 * The project's imports, newest first (keyset pages), kept current by the project's websocket: each progress message carries the
 * running imports (and those just finished), merged into the list without a refetch. `onImported` runs when one of
 * them is accepted, so the page can refresh what shows item counts (owned by another feature).
 */
export function useImportJobs(projectId: string, { onImported }: { onImported?: () => void } = {}) {
  const queryClient = useQueryClient();
  const { queryKey } = importJobsQueryOptions(projectId);
  const announced = useRef(new Set<string>());
  useProjectLiveSocket(projectId, (message) => {
    const live = message.importJobs;
    if (!live || live.length === 0) return;
    queryClient.setQueryData<JobPages<ImportJob>>(queryKey, (pages) => mergeLiveJobs(pages, live));
    for (const job of live) {
      if (job.status === 'done' && !announced.current.has(job.id)) {
        announced.current.add(job.id);
        onImported?.();
      }
    }
  });
  return useInfiniteQuery(importJobsQueryOptions(projectId));
}

/**
 * Uploads the file as it is (the browser streams it from disk, gzip included); the server answers with the job once
 * the upload is in, and reports the rest of the import over the project's websocket.
 */
export const startImportJob = (projectId: string, file: File, format: ImportFormat = 'feedbench') =>
  apiJson(
    `${jobsPath(projectId)}?format=${encodeURIComponent(format)}&fileName=${encodeURIComponent(file.name)}`,
    importJobSchema,
    {
      method: 'POST',
      body: file,
      contentType: file.name.endsWith('.gz') ? 'application/gzip' : 'application/x-ndjson',
    },
  );

export function useStartImportJob(projectId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = importJobsQueryOptions(projectId);
  return useMutation({
    mutationFn: ({ file, format }: { file: File; format: ImportFormat }) => startImportJob(projectId, file, format),
    onSuccess: (job) => {
      queryClient.setQueryData<JobPages<ImportJob>>(queryKey, (pages) => mergeLiveJobs(pages, [job]));
      // The websocket may have told the end before the upload's answer arrived: read the list once more.
      void queryClient.invalidateQueries({ queryKey });
    },
  });
}

/**
 * Sends the head of the file (at most IMPORT_PREVIEW_LIMITS.maxBytes, sliced by the browser without reading the rest)
 * and gets its first lines parsed and checked as the import would; nothing is stored.
 */
export const previewImport = (projectId: string, file: File, format: ImportFormat) => {
  const head = file.slice(0, IMPORT_PREVIEW_LIMITS.maxBytes);
  const partial = file.size > IMPORT_PREVIEW_LIMITS.maxBytes;
  return apiJson(
    `/api/projects/${encodeURIComponent(projectId)}/import-preview?format=${encodeURIComponent(format)}&lines=10&partial=${partial}`,
    importPreviewSchema,
    { method: 'POST', body: head, contentType: 'application/octet-stream' },
  );
};

export const usePreviewImport = (projectId: string) =>
  useMutation({
    mutationFn: ({ file, format }: { file: File; format: ImportFormat }) => previewImport(projectId, file, format),
  });
