/**
 * An error and the causes it wraps, outermost first (at most five deep). drizzle wraps the driver's error, so the
 * PostgreSQL fields (code, constraint) are on the error or on one of its causes, with node-postgres and PGlite alike.
 */
export function* errorChain(error: unknown): Generator<{ code?: unknown; message?: unknown; constraint?: unknown }> {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; constraint?: unknown; cause?: unknown };
    yield e;
    current = e.cause;
  }
}

/** Whether a query failed on the named constraint or unique index (23505 unique_violation and the like). */
export function violatesConstraint(error: unknown, name: string): boolean {
  for (const e of errorChain(error)) if (e.constraint === name) return true;
  return false;
}
