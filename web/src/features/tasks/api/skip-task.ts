import type { SkipBody } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiNoContent } from '../../../lib/api-client.ts';
import { nextTaskQueryOptions } from './next-task.ts';

export const skipTask = (leaseId: string, body: SkipBody) =>
  apiNoContent(`/api/leases/${encodeURIComponent(leaseId)}/skip`, { method: 'POST', body });

export function useSkipTask(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ leaseId, body }: { leaseId: string; body: SkipBody }) => skipTask(leaseId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: nextTaskQueryOptions(projectId).queryKey }),
  });
}
