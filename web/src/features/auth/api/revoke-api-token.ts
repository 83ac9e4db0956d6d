import { apiTokenSchema } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { apiTokensQueryOptions } from './get-api-tokens.ts';

export const revokeApiToken = (tokenId: string) =>
  apiJson(`/api/tokens/${encodeURIComponent(tokenId)}`, apiTokenSchema, { method: 'DELETE' });

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryOptions().queryKey }),
  });
}
