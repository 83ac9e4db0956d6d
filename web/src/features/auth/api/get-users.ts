import { userListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getUsers = (signal?: AbortSignal) => apiJson('/api/users', userListResponse, { signal });

export const usersQueryOptions = () => queryOptions({ queryKey: ['users'], queryFn: ({ signal }) => getUsers(signal) });

/** Every account (admins only). */
export const useUsers = () => useQuery(usersQueryOptions());
