import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy the web app runs under, enforced (not report-only: our peers' report-only CSP stopped
 * nothing, CVE-2023-47115 / CVE-2024-23633). No inline script, no eval, no plugin content; images only from our
 * origin or data: (a Markdown image beacon to another host does not load); fetches and the live socket only to our
 * origin; nobody may frame us (clickjacking). The built app (web/dist) has no inline script or style, and React sets
 * styles through the CSSOM, which CSP does not govern.
 */
export function contentSecurityPolicy(options: { upgradeInsecureRequests: boolean }) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    mediaSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameSrc: ["'none'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Only behind TLS: on plain http it would send the browser to an https origin that does not exist.
    upgradeInsecureRequests: options.upgradeInsecureRequests ? [] : null,
  };
}

/**
 * Swagger UI (/api/docs, our own OpenAPI document, no user content) sets inline styles; only its pages get
 * 'unsafe-inline' for styles, never for scripts.
 */
export function allowInlineStylesForDocs(header: string): string {
  return header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}

/** How the OpenAPI document tells scripts to authenticate: an API token, or the browser's cookie plus CSRF header. */
export const OPENAPI_SECURITY_SCHEMES = {
  apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (fbt_...) made on the Security page' },
  session: { type: 'apiKey', in: 'cookie', name: 'feedbench_session' },
  csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'From GET /api/auth/csrf; changes only' },
} as const;

/** Security headers on every answer (API, web app, docs) through @fastify/helmet. */
export async function registerSecurityHeaders(app: FastifyInstance, options: { tls: boolean }) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: contentSecurityPolicy({ upgradeInsecureRequests: options.tls }),
    },
    // HSTS only means something over https; behind TLS it pins the browser to it for a year.
    strictTransportSecurity: options.tls ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    // Exports and other answers are never embedded cross-origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
