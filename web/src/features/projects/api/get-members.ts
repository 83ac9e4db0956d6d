import { memberListResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

export const getMembers = (projectId: string, signal?: AbortSignal) =>
  apiJson(`/api/projects/${encodeURIComponent(projectId)}/members`, memberListResponse, { signal });

export const membersQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: ['projects', projectId, 'members'],
    queryFn: ({ signal }) => getMembers(projectId, signal),
  });

export const useMembers = (projectId: string) => useQuery(membersQueryOptions(projectId));
