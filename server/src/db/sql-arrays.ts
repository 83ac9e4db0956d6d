import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * A PostgreSQL array literal of the values, sent as one text parameter and cast to the column's array type
 * (`${arrayLiteral(ids)}::uuid[]`): the same on both engines' drivers, and a list of any length costs one bind
 * parameter, where `inArray` spends one per value and fails past 65,535 of them. Strings are quoted with `"` and `\`
 * escaped (callers never pass NUL: input holding one is refused at the boundary); null is NULL.
 */
export function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  return `{${values
    .map((v) => (v === null ? 'NULL' : typeof v === 'string' ? `"${v.replace(/["\\]/g, '\\$&')}"` : String(v)))
    .join(',')}}`;
}

/** `column = any($1::uuid[])`: membership in a list of uuids of any length (see arrayLiteral). */
export function inUuids(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${arrayLiteral(ids)}::uuid[])`;
}

/** `column = any($1::text[])`: the same for text values. */
export function inTexts(column: AnyColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${arrayLiteral(values)}::text[])`;
}
