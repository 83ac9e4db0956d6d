import { adminUserResponse, type UpdateUserBody } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { usersQueryOptions } from './get-users.ts';

export const updateUser = (userId: string, body: UpdateUserBody) =>
  apiJson(`/api/users/${encodeURIComponent(userId)}`, adminUserResponse, { method: 'PATCH', body });

/** Disables or enables an account (admins); disabling signs it out everywhere and revokes its tokens. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: UpdateUserBody & { userId: string }) => updateUser(userId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryOptions().queryKey }),
  });
}
