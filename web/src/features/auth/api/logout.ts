import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiNoContent } from '../../../lib/api-client.ts';

export const logout = () => apiNoContent('/api/auth/logout', { method: 'POST', redirectOnUnauthorized: false });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.clear(),
  });
}
