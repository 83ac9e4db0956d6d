import { z } from 'zod';
import { MAX_RANKED_OUTPUTS } from './constants.ts';
import { conversationSchema } from './messages.ts';

export const importOutputSchema = z.object({
  id: z.string().min(1).max(200),
  model: z.string().max(200).optional(),
  content: z.string().max(200_000),
});

/** One line of an import file: `{"id", "prompt", "outputs"?, "metadata"?}`. */
export const importLineSchema = z
  .object({
    id: z.string().min(1).max(200),
    prompt: z.union([z.string().min(1).max(200_000), conversationSchema], {
      error: (issue) =>
        issue.input === undefined
          ? 'required: a string or an array of {"role", "content"} messages'
          : 'expected a non-empty string or an array of {"role": "system"|"user"|"assistant", "content"} messages',
    }),
    outputs: z.array(importOutputSchema).max(MAX_RANKED_OUTPUTS).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((line, ctx) => {
    const ids = new Set<string>();
    line.outputs?.forEach((output, index) => {
      if (ids.has(output.id)) {
        ctx.addIssue({ code: 'custom', path: ['outputs', index, 'id'], message: `duplicate output id "${output.id}"` });
      }
      ids.add(output.id);
    });
  });
export type ImportLine = z.infer<typeof importLineSchema>;

export const importProblemSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const importResultSchema = z.object({
  lines: z.number().int(),
  created: z.number().int(),
  /** Lines whose id the project already had: left as they were, never duplicated. */
  existing: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
