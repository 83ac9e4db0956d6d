import { createHmac, timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER } from '@feedbench/shared';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/app-error.ts';
import { SESSION_COOKIE } from './authenticate.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` exempts a route (sign-in: it acts with the credentials in its body, not with the cookie). */
    csrf?: false;
  }
}

/** Methods that never change state (RFC 9110 §9.2.1 "safe"); every route keeps them read-only. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: HMAC-SHA256 keyed with the session token itself. Only the server and the httpOnly
 * cookie know the session token, so no other site (and no script that cannot already read our responses) can
 * compute it; it needs no server secret (none to default or leak, CVE-2023-43791), no storage, changes with every
 * login (the session is rotated) and dies with the session. The database holds SHA-256(session token), which does
 * not yield it either.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('feedbench csrf v1').digest('base64url');
}

export const csrfErrors = {
  invalid: () =>
    new AppError(
      'auth.csrf_invalid',
      403,
      `Missing or wrong ${CSRF_HEADER} header: read the token from GET /api/auth/csrf and send it with every change`,
    ),
};

/**
 * Synchronizer-token CSRF protection for every cookie-authenticated state change (PEERS.md, CVE-2026-22033). The SPA
 * reads the token from a JSON response (GET /api/auth/csrf), never from a cookie, and sends it back in the
 * `x-csrf-token` header: a cross-site form or fetch can neither read the token nor set a custom header without a CORS
 * preflight, which we never allow. Requests authenticated by an API token (Authorization: Bearer) are exempt: a
 * browser never adds that header on its own. SameSite=Lax on the cookie is a second layer, not the defence.
 * Registered after authentication, as an onRequest hook: a forged request is refused before its body is parsed.
 */
export function registerCsrfProtection(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (request.authMethod !== 'session' || SAFE_METHODS.has(request.method)) return;
    // Unknown routes answer 404 as usual; exempt routes are listed with `config: { csrf: false }`.
    if (!request.routeOptions.url || request.routeOptions.config.csrf === false) return;
    const sessionToken = request.cookies[SESSION_COOKIE];
    const sent = request.headers[CSRF_HEADER];
    if (!sessionToken || typeof sent !== 'string') throw csrfErrors.invalid();
    const expected = Buffer.from(csrfTokenFor(sessionToken));
    const given = Buffer.from(sent);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw csrfErrors.invalid();
  });
}
