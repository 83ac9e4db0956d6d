import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useProjectLiveSocket } from '../../../lib/project-live-socket.ts';
import { agreementKeyPrefix } from './get-agreement.ts';

/** Submissions arrive in bursts; one recomputation (bootstrap included) per burst is enough. */
const REFRESH_DEBOUNCE_MS = 500;

/** Refetches the agreement report whenever the project's websocket announces progress. Returns whether it is open. */
export function useLiveAgreement(projectId: string): boolean {
  const queryClient = useQueryClient();
  const refresh = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(refresh.current), []);
  return useProjectLiveSocket(projectId, (message) => {
    if (message.type !== 'progress') return;
    clearTimeout(refresh.current);
    refresh.current = setTimeout(
      // The prefix reaches every batch size and the drill-down lists too.
      () => queryClient.invalidateQueries({ queryKey: agreementKeyPrefix(projectId) }),
      REFRESH_DEBOUNCE_MS,
    );
  });
}
