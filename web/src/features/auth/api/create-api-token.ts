import { type CreateApiTokenBody, createdApiTokenResponse } from '@feedbench/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { apiTokensQueryOptions } from './get-api-tokens.ts';

/** The answer carries the token itself: the only time it is ever shown. */
export const createApiToken = (body: CreateApiTokenBody) =>
  apiJson('/api/tokens', createdApiTokenResponse, { method: 'POST', body });

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryOptions().queryKey }),
  });
}
