import { z } from 'zod';

/** Most output scores one request may set (larger sets go in several requests). */
export const MAX_OUTPUT_SCORES = 50_000;

/**
 * `PUT /api/projects/:projectId/output-scores`: reward-model scores of outputs, named as in the import file (the
 * item's id and the output's id); null clears a score. All or nothing: an unknown item or output refuses the request,
 * naming its index. The score-margin ordering policy then asks humans first where an item's scores are closest.
 */
export const outputScoresBody = z.object({
  scores: z
    .array(
      z.object({
        item: z.string().min(1).max(200),
        output: z.string().min(1).max(200),
        score: z.number().finite().nullable(),
      }),
    )
    .min(1)
    .max(MAX_OUTPUT_SCORES)
    // One score per output and request: a second entry for the same output is a mistake, named by its index.
    .superRefine((scores, ctx) => {
      const seen = new Map<string, number>();
      for (const [index, { item, output }] of scores.entries()) {
        const key = JSON.stringify([item, output]);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, index);
        else
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `output "${output}" of item "${item}" is already scored by entry ${first}`,
          });
      }
    }),
});
export type OutputScoresBody = z.infer<typeof outputScoresBody>;

export const outputScoresResponse = z.object({
  /** Outputs whose score was set or cleared. */
  outputs: z.number().int(),
  /** Distinct items they belong to (their score margins were recomputed). */
  items: z.number().int(),
});
export type OutputScoresResponse = z.infer<typeof outputScoresResponse>;
