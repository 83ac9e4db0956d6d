/**
 * Whether a query failed on the named constraint or unique index (SQLSTATE 23505 unique_violation, 23P01, 23503...).
 * drizzle wraps the driver's error: the PostgreSQL fields are on the error or on one of its causes, with both
 * node-postgres and PGlite.
 */
export function violatesConstraint(error: unknown, name: string): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const e = current as { constraint?: unknown; cause?: unknown };
    if (e.constraint === name) return true;
    current = e.cause;
  }
  return false;
}
