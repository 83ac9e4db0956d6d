import { z } from 'zod';
import { MAX_RANKED_OUTPUTS } from './constants.ts';
import { IMPORT_FORMATS } from './contracts/exports.ts';
import { conversationSchema, messageSchema } from './messages.ts';

export const importOutputSchema = z.object({
  id: z.string().min(1).max(200),
  model: z.string().max(200).optional(),
  content: z.string().max(200_000),
});

/** One line of an import file: `{"id", "prompt", "outputs"?, "metadata"?}`. */
export const importLineSchema = z
  .object({
    id: z.string().min(1).max(200),
    // An empty conversation (`[]`) is a chat project's starter where the annotator writes the first turn (other kinds
    // refuse it in template-fit.ts).
    prompt: z.union([z.string().min(1).max(200_000), conversationSchema, z.array(messageSchema).max(0)], {
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

/** Limits every import line is checked against before anything is stored (named per line and field when broken). */
export const IMPORT_LIMITS = {
  /** Objects and arrays nested deeper than this are refused (metadata 20,000 levels deep used to answer 500). */
  maxDepth: 64,
  /** A longer line is refused without being held in memory whole. */
  maxLineBytes: 16 * 1024 * 1024,
} as const;

export const IMPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** `POST /api/projects/:projectId/import-jobs` (and `/imports`) query: the file's format and, for the job list, name. */
export const importJobQuery = z.object({
  format: z.enum(IMPORT_FORMATS).default('feedbench'),
  fileName: z.string().trim().min(1).max(255).optional(),
});
export type ImportJobQuery = z.input<typeof importJobQuery>;

/** An import: live counts while the file streams in, the result when accepted, the line report when rejected. */
export const importJobSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  status: z.enum(IMPORT_JOB_STATUSES),
  format: z.enum(IMPORT_FORMATS),
  fileName: z.string(),
  /** Bytes of the file as sent (compressed for gzip); null when the size was not announced. */
  bytesTotal: z.number().int().nullable(),
  bytesRead: z.number().int(),
  linesRead: z.number().int(),
  created: z.number().int(),
  existing: z.number().int(),
  badLines: z.number().int(),
  /** The first problems of a rejected file, by line and field (badLines counts them all). */
  problems: z.array(importProblemSchema),
  /** Why a failed job failed (bad lines, an interrupted upload, a restart). */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;
export const importJobListResponse = z.object({ jobs: z.array(importJobSchema) });
export const importJobParams = z.object({ projectId: z.string().uuid(), jobId: z.string().uuid() });
