import { AppError } from './app-error.ts';

/**
 * The key of the last row of a page ordered by (time desc, id desc): where the next page starts. The time is the
 * database's own text (microseconds): a JavaScript Date keeps milliseconds only, and a truncated key would skip the
 * rows stamped within the same millisecond.
 */
export interface KeysetPosition {
  at: string;
  id: string;
}
const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d)?|Z)$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at}|${position.id}`).toString('base64url');
}

/** The position a cursor names, or a 400 naming the `cursor` field (a cursor no page gave). */
export function decodeCursor(cursor: string | undefined): KeysetPosition | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !UUID.test(id) || !TIMESTAMP.test(at)) {
    throw new AppError('request.invalid', 400, 'query.cursor: not a cursor a previous page returned', {
      problems: [{ path: 'query.cursor', message: 'not a cursor a previous page returned' }],
    });
  }
  return { at, id };
}

/** A page from `limit + 1` rows: the first `limit`, and the cursor after them when the extra row says more follow. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => KeysetPosition) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * Keys of more than (time, id), for orders with more columns (a skip is keyed by its time, item and annotator; the
 * adjudication queue by its computed disagreement): a JSON array, each part checked against the order's shape, so a
 * key's text may hold any character.
 */
const KEY_PARTS = {
  timestamp: (v: unknown): v is string => typeof v === 'string' && TIMESTAMP.test(v),
  uuid: (v: unknown): v is string => typeof v === 'string' && UUID.test(v),
  integer: (v: unknown): v is number => Number.isSafeInteger(v),
  number: (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v),
  text: (v: unknown): v is string => typeof v === 'string',
};
type KeyPart = keyof typeof KEY_PARTS;
type KeyValues<S extends readonly KeyPart[]> = {
  [I in keyof S]: S[I] extends 'integer' | 'number' ? number : string;
};

export function encodeKey(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The key a cursor names, checked part by part against `shape`, or a 400 naming the `cursor` field. */
export function decodeKey<const S extends readonly KeyPart[]>(
  cursor: string | undefined,
  shape: S,
): KeyValues<S> | undefined {
  if (cursor === undefined) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (!Array.isArray(parts) || parts.length !== shape.length || !shape.every((p, i) => KEY_PARTS[p](parts[i]))) {
    throw new AppError('request.invalid', 400, 'query.cursor: not a cursor a previous page returned', {
      problems: [{ path: 'query.cursor', message: 'not a cursor a previous page returned' }],
    });
  }
  return parts as KeyValues<S>;
}

/** A page from `limit + 1` rows with a multi-part key (see encodeKey). */
export function pageByKey<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeKey(keyOf(last)) : null };
}
