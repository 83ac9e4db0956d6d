import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.ts';

/**
 * Cross-site WebSocket hijacking: browsers send the session cookie with a socket opened by any page, and the
 * same-origin policy does not apply to WebSocket upgrades, so the server must read the `Origin` header itself
 * (OWASP WebSocket Security Cheat Sheet, "Origin validation"). A browser always sends it; scripts and the CLI
 * usually do not, and they cannot carry a victim's cookie anyway, so a missing header is let through.
 */
export function isAllowedOrigin(origin: string | undefined, ownOrigin: string, allowList: readonly string[]): boolean {
  if (origin === undefined) return true;
  const normalized = normalizeOrigin(origin);
  // `null` (sandboxed frames, file: pages) and anything unparsable never match.
  if (!normalized) return false;
  return (
    normalized === normalizeOrigin(ownOrigin) || allowList.some((allowed) => normalizeOrigin(allowed) === normalized)
  );
}

/** `scheme://host[:port]` with default ports dropped and the host lower-cased, or undefined when not an origin. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** The origin this request was addressed to (behind a proxy, what TRUST_PROXY lets X-Forwarded-* say). */
export function ownOriginOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function checkSocketOrigin(request: FastifyRequest, allowList: readonly string[]) {
  const origin = request.headers.origin;
  if (!isAllowedOrigin(origin, ownOriginOf(request), allowList)) {
    throw new AppError('live.origin_refused', 403, `WebSocket connections from origin ${origin} are not allowed`);
  }
}
