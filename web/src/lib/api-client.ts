import { apiErrorSchema, CSRF_HEADER, csrfResponse, ERROR_CODES } from '@feedbench/shared';
import type { z } from 'zod';
import { i18next } from '../i18n/i18n.ts';
import { translate } from '../i18n/messages.ts';
import { errorMessages } from './errors.messages.ts';

/** An error the API answered with `{ error: { code, message, details } }`, or a network/parse failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const LOGIN_PATH = '/login';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /**
   * Serialized as JSON unless it is already a string or a Blob (a File): those are sent as they are with
   * `contentType`, a File streamed by the browser from disk, never read into page memory.
   */
  body?: unknown;
  contentType?: string;
  /** Off for the login form itself: a 401 there means wrong credentials, not an expired session. */
  redirectOnUnauthorized?: boolean;
  signal?: AbortSignal;
}

/**
 * The session's CSRF token, read once from the API and kept in memory, never in a cookie or storage (see
 * server/src/plugins/csrf.ts). Forgotten when the session changes (sign-in, sign-out) or the server refuses it.
 */
let csrfToken: Promise<string | null> | undefined;
const SESSION_PATHS = new Set(['/api/auth/login', '/api/auth/logout']);

function currentCsrfToken(): Promise<string | null> {
  csrfToken ??= fetch('/api/auth/csrf', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
    .then(async (response) => csrfResponse.parse(await response.json()).csrfToken)
    .catch(() => {
      csrfToken = undefined;
      return null;
    });
  return csrfToken;
}

/** Sends the session cookie (same origin only) and turns every non-2xx answer into an ApiError. */
async function send(path: string, options: RequestOptions, retried = false): Promise<Response> {
  const { method = 'GET', body, contentType, redirectOnUnauthorized = true, signal } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  // Sign-in is the one change made without a session (and so without a token).
  if (method !== 'GET' && path !== '/api/auth/login') {
    const token = await currentCsrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  let payload: string | Blob | undefined;
  if (body !== undefined) {
    // Fastify rejects an empty body sent as JSON, so the header goes only with a body.
    payload = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
    headers['content-type'] = contentType ?? 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network.unreachable', translate(errorMessages, 'unreachable'));
  }
  if (SESSION_PATHS.has(path)) csrfToken = undefined;
  if (response.ok) return response;

  if (response.status === 401 && redirectOnUnauthorized) redirectToLogin();
  const error = await toApiError(response);
  // A token from an earlier session (signed in again in another tab): read the current one and try once more.
  if (error.code === 'auth.csrf_invalid' && !retried) {
    csrfToken = undefined;
    return send(path, options, true);
  }
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(response.status, code, message, details);
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic error.
  }
  return new ApiError(
    response.status,
    `http.${response.status}`,
    response.statusText || translate(errorMessages, 'generic'),
  );
}

function redirectToLogin() {
  if (window.location.pathname === LOGIN_PATH) return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`${LOGIN_PATH}?next=${encodeURIComponent(next)}`);
}

/** Requests JSON and parses it with the shared contract, so a drifted server fails loudly here. */
export async function apiJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const response = await send(path, options);
  const json: unknown = await response.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error('Response did not match the contract', path, parsed.error.issues);
    throw new ApiError(
      response.status,
      'contract.mismatch',
      `${translate(errorMessages, 'contractMismatch')}: ${path}`,
    );
  }
  return parsed.data;
}

/** For endpoints that answer 204. */
export async function apiNoContent(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}

const knownCodes: ReadonlySet<string> = new Set(ERROR_CODES);
type ErrorKey = Parameters<typeof translate<(typeof errorMessages)['en']>>[1];

/**
 * What to tell the user about a failed request, in the UI language. English shows the server's own message (the most
 * specific); another language shows the translation of the error's code, naming the field the server named, and
 * falls back to the server's message for a code we do not know.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network.unreachable') return translate(errorMessages, 'unreachable');
    if (i18next.language === 'en' || !knownCodes.has(error.code)) return error.message;
    const text = translate(errorMessages, error.code.replace('.', '__') as ErrorKey);
    const path = fieldPath(error.details);
    return path ? translate(errorMessages, 'field', { message: text, path }) : text;
  }
  if (error instanceof Error) return error.message;
  return translate(errorMessages, 'generic');
}

function fieldPath(details: unknown): string | undefined {
  if (details && typeof details === 'object' && 'path' in details && typeof details.path === 'string') {
    return details.path;
  }
  return undefined;
}

/**
 * POSTs and reads the answer as Server-Sent Events (`data: <json>` blocks), calling `onEvent` with each one parsed by
 * the contract, as it arrives (live chat candidates, see server/src/modules/chats/chats.routes.ts). Refusals arrive
 * as ordinary JSON errors (ApiError) before any event. Resolves when the stream ends; aborting `signal` ends it.
 */
export async function apiEventStream<S extends z.ZodType>(
  path: string,
  schema: S,
  onEvent: (event: z.infer<S>) => void,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<void> {
  const response = await send(path, { method: 'POST', body: options.body, signal: options.signal });
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith('data: ')) {
        const parsed = schema.safeParse(JSON.parse(block.slice(6)));
        if (parsed.success) onEvent(parsed.data);
        else console.error('Stream event did not match the contract', path, parsed.error.issues);
      }
      end = buffer.indexOf('\n\n');
    }
  }
}
