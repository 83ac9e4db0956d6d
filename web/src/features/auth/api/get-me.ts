import { meResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getMe = (signal?: AbortSignal) => apiJson('/api/auth/me', meResponse, { signal });

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'me'], queryFn: ({ signal }) => getMe(signal), staleTime: 5 * 60_000 });

/** The signed-in user; a 401 sends the browser to the login page (see lib/api-client). */
export const useMe = () => useQuery(meQueryOptions());
