import { type LoginBody, meResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { meQueryOptions } from './get-me.ts';

export const login = (body: LoginBody) =>
  apiJson('/api/auth/login', meResponse, { method: 'POST', body, redirectOnUnauthorized: false });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      // A different account may have been signed in before: drop everything cached for it.
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions().queryKey, me);
    },
  });
}
