import { type LiveMessage, liveMessageSchema } from '@feedbench/shared';
import { useEffect, useRef, useState } from 'react';

/** Waits before reconnecting a dropped socket, doubling up to a minute. */
const RETRY_MS = { first: 1_000, max: 60_000 };

function liveUrl(projectId: string): string {
  const url = new URL(`/api/projects/${encodeURIComponent(projectId)}/live`, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * The project's websocket (GET /api/projects/:id/live): reconnects with backoff, parses each message with the shared
 * contract and hands this project's messages to `onMessage`. Returns whether the socket is open. Features build on it
 * (project counters, agreement dashboard) without importing each other.
 */
export function useProjectLiveSocket(projectId: string, onMessage: (message: LiveMessage) => void): boolean {
  const [connected, setConnected] = useState(false);
  // The latest callback, so a new closure on each render does not reopen the socket.
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    let socket: WebSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MS.first;
    let stopped = false;

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
        if (parsed.success && parsed.data.projectId === projectId) handler.current(parsed.data);
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
  }, [projectId]);

  return connected;
}
