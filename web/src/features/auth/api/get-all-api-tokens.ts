import { adminApiTokenListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';
import { apiTokensQueryOptions } from './get-api-tokens.ts';

export const getAllApiTokens = (signal?: AbortSignal) =>
  apiJson('/api/admin/tokens', adminApiTokenListResponse, { signal });

/** Every account's API tokens with their owners (admins only; never the secrets). */
export const allApiTokensQueryOptions = () =>
  queryOptions({
    // Under the personal list's key, so revoking any token refreshes both lists.
    queryKey: [...apiTokensQueryOptions().queryKey, 'all-accounts'],
    queryFn: ({ signal }) => getAllApiTokens(signal),
  });

export const useAllApiTokens = () => useQuery(allApiTokensQueryOptions());
