import { type MeResponse, meResponse, type UpdateMeBody } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { meQueryOptions } from './get-me.ts';

export const updateAccount = (body: UpdateMeBody) => apiJson('/api/auth/me', meResponse, { method: 'PATCH', body });

/** One's own preferences (the UI language): kept on the account so every browser it signs in from applies them. */
export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccount,
    onSuccess: (me: MeResponse) => queryClient.setQueryData(meQueryOptions().queryKey, me),
  });
}
