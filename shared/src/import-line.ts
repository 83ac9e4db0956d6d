import { z } from 'zod';
import { MAX_RANKED_OUTPUTS } from './constants.ts';
import { IMPORT_FORMATS } from './contracts/exports.ts';
import { keysetPageQuery } from './contracts/pagination.ts';
import { conversationSchema, messageSchema } from './messages.ts';

export const importOutputSchema = z.object({
  id: z.string().min(1).max(200),
  model: z.string().max(200).optional(),
  content: z.string().max(200_000),
  /** A reward model's score of the output (the score-margin ordering policy asks humans first where scores are close). */
  score: z.number().finite().optional(),
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
        ctx.addIssue({
          code: 'custom',
          path: ['outputs', index, 'id'],
          message: `duplicate output id "${output.id}"`,
          params: { problem: 'duplicate_output_id', id: output.id },
        });
      }
      ids.add(output.id);
    });
  });
export type ImportLine = z.infer<typeof importLineSchema>;

/**
 * What is wrong with a line, for the web app to word in the reader's language (`params` holds the values the wording
 * needs); `message` is the English wording that the API, the CLI and the English UI show as it is.
 * `schema`: the line schema refused the field (`params.issue` is zod's issue code, with its bounds or expected type).
 */
export const IMPORT_PROBLEM_CODES = [
  'line_too_long',
  'invalid_json',
  'too_deep',
  'nul_character',
  'lone_surrogate',
  'schema',
  'duplicate_output_id',
  'duplicate_id',
  'chat_takes_starters',
  'empty_conversation',
  'output_count',
  'conversation_end',
  'expected_object',
  'format_field',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const importProblemSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
  code: z.enum(IMPORT_PROBLEM_CODES).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
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
/** Newest first, at most `limit` per page; `cursor`: the previous page's nextCursor. */
export const importJobListQuery = keysetPageQuery(50, 200);
export type ImportJobListQuery = z.infer<typeof importJobListQuery>;
export const importJobListResponse = z.object({
  jobs: z.array(importJobSchema),
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ImportJobListResponse = z.infer<typeof importJobListResponse>;
export const importJobParams = z.object({ projectId: z.string().uuid(), jobId: z.string().uuid() });

/** How much of a file an import preview reads at most: the browser sends only this head of the file. */
export const IMPORT_PREVIEW_LIMITS = { maxBytes: 256 * 1024, maxLines: 20 } as const;

export const importPreviewQuery = z.object({
  format: z.enum(IMPORT_FORMATS).default('feedbench'),
  /** How many items to show (non-blank lines, good or bad). */
  lines: z.coerce.number().int().min(1).max(IMPORT_PREVIEW_LIMITS.maxLines).default(10),
  /** The body is the head of a larger file (the browser sends a slice): its last line may be cut, so it is not shown. */
  partial: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .default(false)
    .transform((v) => v === true || v === 'true'),
});
export type ImportPreviewQuery = z.infer<typeof importPreviewQuery>;

/** One previewed line that would import: as it would be stored (long texts cut for the preview). */
export const importPreviewItemSchema = z.object({
  line: z.number().int(),
  externalId: z.string(),
  conversation: z.array(z.object({ role: z.string(), content: z.string() })),
  outputs: z.array(z.object({ id: z.string(), model: z.string().nullable(), content: z.string() })),
  /** The metadata as JSON text, cut for the preview; null when the line has none. */
  metadata: z.string().nullable(),
});
export type ImportPreviewItem = z.infer<typeof importPreviewItemSchema>;

/**
 * `POST /api/projects/:projectId/import-preview`: the first lines of a file, parsed and checked as the import would
 * (format conversion, line schema, the project's template), without storing anything.
 */
export const importPreviewSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  /** The format the first JSON line looks like, when it looks like one; null when nothing could be told. */
  detectedFormat: z.enum(IMPORT_FORMATS).nullable(),
  gzip: z.boolean(),
  /** Bytes of the file read (as sent) and lines looked at. */
  bytesRead: z.number().int(),
  linesRead: z.number().int(),
  /** The whole file was read (it is no longer than what was previewed). */
  complete: z.boolean(),
  validLines: z.number().int(),
  badLines: z.number().int(),
  items: z.array(importPreviewItemSchema),
  problems: z.array(importProblemSchema),
  /** Refused whatever the lines say (a format meant for another project kind); null when none. */
  refusal: z.string().nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
