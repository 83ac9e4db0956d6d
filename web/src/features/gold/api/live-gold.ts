import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';

/** Submissions arrive in bursts; one refetch per burst is enough. */
const REFRESH_DEBOUNCE_MS = 300;

/**
 * Refetches the Gold page's figures whenever the project's websocket announces a change (a gold answer scored, an
 * annotator paused: the server publishes both). Returns whether the socket is open.
 */
export function useLiveGold(projectId: string): boolean {
  const queryClient = useQueryClient();
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(refresh.current), []);
  return useProjectLiveSocket(projectId, (message) => {
    if (message.type !== 'progress') return;
    clearTimeout(refresh.current);
    refresh.current = setTimeout(
      () => queryClient.invalidateQueries({ queryKey: ['gold', projectId] }),
      REFRESH_DEBOUNCE_MS,
    );
  });
}
