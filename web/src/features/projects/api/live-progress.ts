import { liveMessageSchema } from '@feedbench/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { projectQueryOptions } from './get-project.ts';

/** Waits before reconnecting a dropped socket, doubling up to a minute (polling covers the gap meanwhile). */
const RETRY_MS = { first: 1_000, max: 60_000 };

function liveUrl(projectId: string): string {
  const url = new URL(`/api/projects/${encodeURIComponent(projectId)}/live`, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Pushes progress into the project query as the server announces it (GET /api/projects/:id/live, a websocket), so
 * counters move the moment annotators submit. Returns whether the socket is open; polling stays the fallback.
 */
export function useLiveProgress(projectId: string): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let socket: WebSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MS.first;
    let stopped = false;
    const { queryKey } = projectQueryOptions(projectId);

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
        if (!parsed.success || parsed.data.projectId !== projectId) return;
        const { progress } = parsed.data;
        queryClient.setQueryData(queryKey, (project) => (project ? { ...project, progress } : project));
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
      socket?.close();
    };
  }, [projectId, queryClient]);

  return connected;
}
