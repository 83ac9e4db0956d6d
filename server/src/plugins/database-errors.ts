import { errorChain } from '../db/errors.ts';

/**
 * PostgreSQL and driver failures that mean "try again": the connection was lost (server restart, failover,
 * pg_terminate_backend), the pool is saturated, or the transaction lost a serialization race. Answered 503 with
 * Retry-After so clients retry (submits are idempotent), never 500.
 */
const RETRYABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (terminated by administrator command)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', // connection_exception
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
]);
const RETRYABLE_MESSAGES = [
  /Connection terminated/i,
  /not queryable/i,
  /Client was closed/i,
  /timeout exceeded when trying to connect/i,
  /ECONNREFUSED|ECONNRESET/,
];

export function isRetryableDatabaseError(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (typeof e.code === 'string' && (RETRYABLE_SQLSTATES.has(e.code) || e.code.startsWith('ECONN'))) return true;
    if (typeof e.message === 'string' && RETRYABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  }
  return false;
}
