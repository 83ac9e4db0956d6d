import { liveMessageSchema } from '@feedbench/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { agreementQueryOptions } from './get-agreement.ts';

/** Waits before reconnecting a dropped socket, doubling up to a minute. */
const RETRY_MS = { first: 1_000, max: 60_000 };
/** Submissions arrive in bursts; one recomputation (bootstrap included) per burst is enough. */
const REFRESH_DEBOUNCE_MS = 500;

function liveUrl(projectId: string): string {
  const url = new URL(`/api/projects/${encodeURIComponent(projectId)}/live`, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Refetches the agreement report whenever the project's websocket (GET /api/projects/:id/live) announces progress.
 * Its own socket, not the projects feature's: that hook writes progress into the project query and takes no callback,
 * and features do not import each other. Returns whether the socket is open.
 */
export function useLiveAgreement(projectId: string): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let socket: WebSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MS.first;
    let stopped = false;
    const { queryKey } = agreementQueryOptions(projectId);

    function connect() {
      socket = new WebSocket(liveUrl(projectId));
      socket.onopen = () => {
        delay = RETRY_MS.first;
        setConnected(true);
      };
      socket.onmessage = (event) => {
        let json: unknown;
        try {
          json = JSON.parse(String(event.data));
        } catch {
          return;
        }
        const parsed = liveMessageSchema.safeParse(json);
        if (!parsed.success || parsed.data.projectId !== projectId || parsed.data.type !== 'progress') return;
        if (refresh) clearTimeout(refresh);
        refresh = setTimeout(() => queryClient.invalidateQueries({ queryKey }), REFRESH_DEBOUNCE_MS);
      };
      socket.onclose = () => {
        setConnected(false);
        if (stopped) return;
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, RETRY_MS.max);
      };
    }

    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (refresh) clearTimeout(refresh);
      socket?.close();
    };
  }, [projectId, queryClient]);

  return connected;
}
