import { type CreateSnapshotBody, snapshotListResponse, snapshotSchema } from '@feedbench/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

const snapshotsPath = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/snapshots`;

/** A stored file of a snapshot (README.md is its dataset card); a plain link downloads it. */
export const snapshotFileUrl = (projectId: string, snapshotId: string, file: string) =>
  `${snapshotsPath(projectId)}/${encodeURIComponent(snapshotId)}/files/${encodeURIComponent(file)}`;

export const snapshotsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['exports', projectId, 'snapshots'],
    queryFn: async ({ signal }) =>
      (await apiJson(snapshotsPath(projectId), snapshotListResponse, { signal })).snapshots,
  });

export const useSnapshots = (projectId: string) => useQuery(snapshotsQueryOptions(projectId));

export function useCreateSnapshot(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSnapshotBody) =>
      apiJson(snapshotsPath(projectId), snapshotSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: snapshotsQueryOptions(projectId).queryKey }),
  });
}
