import { apiTokenListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getApiTokens = (signal?: AbortSignal) => apiJson('/api/tokens', apiTokenListResponse, { signal });

export const apiTokensQueryOptions = () =>
  queryOptions({ queryKey: ['api-tokens'], queryFn: ({ signal }) => getApiTokens(signal) });

/** The signed-in person's API tokens (never their secrets). */
export const useApiTokens = () => useQuery(apiTokensQueryOptions());
