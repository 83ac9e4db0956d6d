import { z } from 'zod';

/**
 * An opaque keyset cursor over a list (its sort key, encoded): the `nextCursor` a previous page returned.
 * Lists page by keys, never by OFFSET, so a page costs the same however deep it is (issue 12).
 */
export const keysetCursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1000}$/, 'cursor must be a value of nextCursor from a previous page')
  .describe('nextCursor of the previous page; absent for the first page');

/** `limit` and `cursor` of a keyset-paged list; `maxLimit` bounds one page. */
export const keysetPageQuery = (defaultLimit: number, maxLimit: number) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    cursor: keysetCursorSchema.optional(),
  });
