import { describe, expect, it } from 'vitest';
import { isRetryableDatabaseError } from './database-errors.ts';

describe('isRetryableDatabaseError', () => {
  it('recognises a terminated connection, directly or wrapped by the ORM', () => {
    const pgError = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(isRetryableDatabaseError(pgError)).toBe(true);
    expect(isRetryableDatabaseError(new Error('Failed query', { cause: pgError }))).toBe(true);
    expect(isRetryableDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetryableDatabaseError(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
  });

  it('leaves constraint violations and programming errors alone', () => {
    expect(isRetryableDatabaseError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isRetryableDatabaseError(new TypeError('x is undefined'))).toBe(false);
  });
});
