import { leaderboardResponse } from '@feedbench/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiJson } from '../../../lib/api-client.ts';

/** What the dashboard asks of the leaderboard: a category (or all items) and whether length is controlled. */
export interface LeaderboardSelection {
  category: string | null;
  lengthControlled: boolean;
}

export const getLeaderboard = (projectId: string, selection: LeaderboardSelection, signal?: AbortSignal) => {
  const query = new URLSearchParams({ lengthControlled: String(selection.lengthControlled) });
  if (selection.category !== null) query.set('category', selection.category);
  return apiJson(`/api/projects/${encodeURIComponent(projectId)}/leaderboard?${query}`, leaderboardResponse, {
    signal,
  });
};

export const leaderboardQueryOptions = (projectId: string, selection: LeaderboardSelection) =>
  queryOptions({
    queryKey: ['leaderboard', projectId, selection],
    queryFn: ({ signal }) => getLeaderboard(projectId, selection, signal),
    // Another category or the length switch keeps the previous board on screen while the new one loads.
    placeholderData: (previous) => previous,
  });

/** The project's model leaderboard (researchers). */
export const useLeaderboard = (projectId: string, selection: LeaderboardSelection) =>
  useQuery(leaderboardQueryOptions(projectId, selection));
