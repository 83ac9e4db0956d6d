import type { ModelCallErrorKind } from '@feedbench/shared';

/**
 * Thrown for every failed model call. `kind` drives retries (rate_limited, server_error, timeout and network are worth
 * another try; refused, invalid_response and cancelled are not) and the message users see, which never contains the
 * API key (model-client.ts redacts it from whatever the endpoint echoed).
 */
export class ModelCallError extends Error {
  readonly kind: ModelCallErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(kind: ModelCallErrorKind, message: string, extra: { status?: number; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'ModelCallError';
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
  }

  get retryable(): boolean {
    return (
      this.kind === 'rate_limited' || this.kind === 'server_error' || this.kind === 'timeout' || this.kind === 'network'
    );
  }
}

/**
 * Retry-After (RFC 9110 §10.2.3: delay-seconds or an HTTP date) in milliseconds, or OpenAI's `retry-after-ms`.
 * Undefined when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
