import { type AddMemberBody, memberListResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { membersQueryOptions } from './get-members.ts';

export const addMember = (projectId: string, body: AddMemberBody) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/members`, memberListResponse, { method: 'POST', body });

export function useAddMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberBody) => addMember(projectId, body),
    // The answer is the new member list: no refetch needed.
    onSuccess: (members) => queryClient.setQueryData(membersQueryOptions(projectId).queryKey, members),
  });
}
