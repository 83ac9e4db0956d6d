import { useLiveRefresh } from '../../../lib/live-refresh.ts';

/** Refetches the Gold page's figures as gold answers are scored and annotators paused. Returns whether it is live. */
export function useLiveGold(projectId: string): boolean {
  return useLiveRefresh(projectId, ['gold', projectId], 300);
}
