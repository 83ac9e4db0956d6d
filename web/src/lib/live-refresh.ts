import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useProjectLiveSocket } from './project-live-socket.ts';

/**
 * Refetches the queries under `queryKey` whenever the project's websocket announces progress (a submit, a scored gold
 * answer, a pause: the server publishes them all as progress). Submissions arrive in bursts, so one refetch per
 * burst: `debounceMs` after the last message. Returns whether the socket is open.
 */
export function useLiveRefresh(projectId: string, queryKey: QueryKey, debounceMs: number): boolean {
  const queryClient = useQueryClient();
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(refresh.current), []);
  return useProjectLiveSocket(projectId, (message) => {
    if (message.type !== 'progress') return;
    clearTimeout(refresh.current);
    refresh.current = setTimeout(() => queryClient.invalidateQueries({ queryKey }), debounceMs);
  });
}
