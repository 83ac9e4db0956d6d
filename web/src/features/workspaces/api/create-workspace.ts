import { type CreateWorkspaceBody, workspaceSchema } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { workspacesQueryOptions } from './get-workspaces.ts';

export const createWorkspace = (body: CreateWorkspaceBody) =>
  apiJson('/api/workspaces', workspaceSchema, { method: 'POST', body });

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWorkspace,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspacesQueryOptions().queryKey }),
  });
}
