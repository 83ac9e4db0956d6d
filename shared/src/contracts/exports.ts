import { z } from 'zod';
import { answerSchema } from '../answers.ts';
import { EXPORT_FORMATS, type ExportFormat, MESSAGE_ROLES } from '../constants.ts';
import { keysetPageQuery } from './pagination.ts';
import { rewardScoreProvenanceSchema } from './reward-scores.ts';

/** Formats that write one line per demonstration (or per best-ranked output of a ranking). */
export const SFT_EXPORT_FORMATS = ['openai-chat', 'trl-sft', 'trl-sft-text'] as const satisfies readonly ExportFormat[];
/** Formats that need preference judgements: a ranking project, or a chat project (one ranking per turn). */
export const PREFERENCE_EXPORT_FORMATS = [
  'trl-preference',
  'openai-dpo',
  'hh-rlhf',
  'trl-kto',
  'rankings',
] as const satisfies readonly ExportFormat[];

/** Formats written from live chat conversations only (a ranking project has no conversation tree). */
export const CHAT_ONLY_EXPORT_FORMATS = ['oasst-message-tree'] as const satisfies readonly ExportFormat[];
/** The formats a ranking project can be exported in: every one but the chat-only ones. */
export const RANKING_EXPORT_FORMATS: readonly ExportFormat[] = EXPORT_FORMATS.filter(
  (f) => !(CHAT_ONLY_EXPORT_FORMATS as readonly string[]).includes(f),
);

/**
 * Which pairs a ranking of K outputs yields (ties never make a pair): `all` C(K,2) induced pairs as in InstructGPT
 * (Ouyang et al. 2022, section 3.5); `best-vs-rest` the top group against every other output; `adjacent` each group
 * against the next one.
 */
export const PAIR_STRATEGIES = ['all', 'best-vs-rest', 'adjacent'] as const;
export type PairStrategy = (typeof PAIR_STRATEGIES)[number];

/** One judgement per annotator, or one consensus ranking per item. */
export const EXPORT_AGGREGATIONS = ['per-annotator', 'consensus'] as const;
export type ExportAggregation = (typeof EXPORT_AGGREGATIONS)[number];

/** How a consensus ranking is formed: pairwise majority (Copeland) or Bradley-Terry strengths. */
export const CONSENSUS_METHODS = ['majority', 'bradley-terry'] as const;
export type ConsensusMethod = (typeof CONSENSUS_METHODS)[number];

export const EXPORT_SPLITS = ['all', 'train', 'test'] as const;
export type ExportSplit = (typeof EXPORT_SPLITS)[number];

/** How the lines are written: JSON Lines, gzipped JSON Lines, or Apache Parquet (nested fields as lists of structs). */
export const EXPORT_FILE_FORMATS = ['jsonl', 'jsonl.gz', 'parquet'] as const;
export type ExportFileFormat = (typeof EXPORT_FILE_FORMATS)[number];

/** Import file formats: Feedbench's own JSONL items, and the counterparts of the export formats of the same names. */
export const IMPORT_FORMATS = ['feedbench', 'hh-rlhf', 'trl-preference', 'openai-chat'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Query strings carry text; the CLI passes booleans. */
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** The choices behind an export (everything but the transport): shared by downloads and snapshots. */
const exportOptionsShape = {
  format: z.enum(EXPORT_FORMATS),
  pairs: z.enum(PAIR_STRATEGIES).default('all'),
  aggregation: z.enum(EXPORT_AGGREGATIONS).default('per-annotator'),
  consensus: z.enum(CONSENSUS_METHODS).default('majority'),
  /** Consensus only: keep a pair when at least this share of the annotators who judged it agree with it. */
  minAgreement: z.coerce.number().min(0).max(1).default(0.5),
  /** Only items with at least this many annotations (counted after the date filter). */
  minAnnotations: z.coerce.number().int().min(1).max(1000).default(1),
  /** Annotations submitted at or after this instant (a date means its midnight UTC). */
  from: instant.optional(),
  /** Annotations submitted before this instant. */
  to: instant.optional(),
  /** Never use a flagged output as the chosen, preferred or desirable side. */
  skipFlagged: flag.default(true),
  /**
   * Comma-separated flag ids that rule an output out (`unsafe` for a pairwise safety label of "not safe"); absent,
   * every flag does but InstructGPT's positive `satisfies-constraint`.
   */
  flags: z
    .string()
    .regex(/^[a-z0-9_,-]*$/, 'comma-separated flag ids')
    .max(2000)
    .optional(),
  /** Only annotations a reviewer accepted or corrected (rejected ones are always left out). */
  reviewedOnly: flag.default(false),
  /** Use a reviewer's corrected answers instead of the annotator's (raw lines keep both). */
  preferCorrected: flag.default(true),
  /** Where an item was adjudicated, its adjudicated answers stand for the item's judgement. */
  preferAdjudicated: flag.default(true),
  /** Gold (control) items are left out unless asked for: annotators answered them to be scored, not to teach. */
  includeGold: flag.default(false),
  /**
   * Raw JSONL only: after each exported item's human lines, one line per model judge's answer to it, marked
   * `annotator: { kind: 'judge', ... }` (exportJudgeLineSchema). Never part of any other format: judge answers are
   * never mixed into human preference pairs.
   */
  includeJudges: flag.default(false),
  /** Only items whose metadata has these values: `key=value` pairs separated by commas, compared as text. */
  metadata: z
    .string()
    .max(2000)
    .regex(/^([^=,]+=[^,]*)(,[^=,]+=[^,]*)*$/, 'comma-separated key=value pairs')
    .optional(),
  /**
   * Only items whose annotators agree at least this much: the mean, over the output pairs two or more of them
   * ordered, of the share that agrees with the majority order (items judged by one annotator have no agreement and
   * are left out when this is set).
   */
  minItemAgreement: z.coerce.number().min(0).max(1).optional(),
  /** Leave out the annotations of annotators whose accuracy on gold items is below this share. */
  minGoldAccuracy: z.coerce.number().min(0).max(1).optional(),
  /** One side of a train/test split grouped by prompt (the first user turn), so no prompt is on both sides. */
  split: z.enum(EXPORT_SPLITS).default('all'),
  testFraction: z.coerce.number().gt(0).lt(1).default(0.1),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(0),
};
const fromBeforeTo: [(q: { from?: string; to?: string }) => boolean, { path: string[]; message: string }] = [
  (q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to),
  { path: ['to'], message: 'must be after from' },
];

/** `GET /api/projects/:projectId/export` query; the CLI's `export` flags are the same names in kebab case. */
export const exportQuery = z
  .object({
    ...exportOptionsShape,
    /** Same as fileFormat=jsonl.gz (kept for links made before fileFormat). */
    gzip: flag.default(false),
    /** `jsonl.gz` is a real .gz file (no Content-Encoding); `parquet` a Parquet file readable by pandas and DuckDB. */
    fileFormat: z.enum(EXPORT_FILE_FORMATS).optional(),
  })
  .refine(...fromBeforeTo)
  .transform(({ gzip, fileFormat, ...options }) => ({
    ...options,
    fileFormat: fileFormat ?? (gzip ? ('jsonl.gz' as const) : ('jsonl' as const)),
  }));
export type ExportQuery = z.infer<typeof exportQuery>;
export type ExportQueryInput = z.input<typeof exportQuery>;
export const exportOptionsSchema = z.object(exportOptionsShape).refine(...fromBeforeTo);
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

const agreementFigure = z.object({
  metric: z.string(),
  value: z.number().nullable(),
  /** 95% percentile bootstrap interval over items; null when undefined. */
  ci: z.tuple([z.number(), z.number()]).nullable(),
  items: z.number().int(),
});

/** `GET /api/projects/:projectId/export/summary` (same query as the export): what the file would hold. */
export const datasetStatisticsSchema = z.object({
  items: z.number().int(),
  lines: z.number().int(),
  annotations: z.number().int(),
  annotators: z.number().int(),
  guidelinesVersions: z.array(z.number().int()),
  templateVersions: z.array(z.number().int()),
  /** Rating question id -> value -> count. */
  ratings: z.record(z.string(), z.record(z.string(), z.number().int())),
  /** Model -> how often its output was alone at the top of a judgement. */
  topModels: z.record(z.string(), z.number().int()),
  /** Over items with two or more annotators. */
  agreement: z.array(agreementFigure),
  /**
   * Chat projects: the models behind the exported candidates, per connection, model and sampling parameters (absent
   * when no output carries provenance).
   */
  models: z
    .array(
      z.object({
        connectionId: z.string().nullable(),
        model: z.string().nullable(),
        params: z.record(z.string(), z.unknown()),
        outputs: z.number().int(),
      }),
    )
    .optional(),
  /** Agreement with reference labels kept from imported datasets (a judgement agrees if it orders every pair alike). */
  reference: z.object({ judgements: z.number().int(), agreeing: z.number().int(), rate: z.number().nullable() }),
  /** What the options leave out, by reason (absent on snapshots taken before it was counted). */
  excluded: z
    .object({
      /** Gold (control) items with answers, left out unless includeGold. */
      goldItems: z.number().int(),
      /** Annotations a reviewer rejected: never exported. */
      rejectedAnnotations: z.number().int(),
      /** Annotations nobody reviewed yet, left out by reviewedOnly. */
      unreviewedAnnotations: z.number().int(),
      /** Annotations of annotators below minGoldAccuracy. */
      belowGoldAccuracyAnnotations: z.number().int(),
      /** Items nobody has annotated yet. */
      unannotatedItems: z.number().int(),
      /** Annotated items dropped by the other filters (minimum annotations, dates, agreement, split). */
      filteredItems: z.number().int(),
      /** Kept items that made no line in this format (e.g. a ranking with every output tied). */
      itemsWithoutLines: z.number().int(),
      /** Flagged outputs never used as the chosen side (skipFlagged). */
      flaggedOutputs: z.number().int(),
    })
    .optional(),
});
export type DatasetStatistics = z.infer<typeof datasetStatisticsSchema>;

export const EXPORT_JOB_STATUSES = ['running', 'done', 'failed'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/** `POST /api/projects/:projectId/export-jobs`: the export query as a JSON body, run in the background. */
export const createExportJobBody = z
  .object({ ...exportOptionsShape, fileFormat: z.enum(EXPORT_FILE_FORMATS).default('jsonl') })
  .refine(...fromBeforeTo);
export type CreateExportJobBody = z.input<typeof createExportJobBody>;

export const exportJobSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  status: z.enum(EXPORT_JOB_STATUSES),
  options: z.record(z.string(), z.unknown()),
  fileFormat: z.enum(EXPORT_FILE_FORMATS),
  fileName: z.string(),
  /** Items read so far out of the items the filters may keep (known when the job starts). */
  itemsDone: z.number().int(),
  itemsTotal: z.number().int(),
  rowsDone: z.number().int(),
  /** Rows the whole export will likely hold: rows so far scaled by the items still to read. */
  rowsEstimate: z.number().int().nullable(),
  bytes: z.number().int(),
  /** Why a failed job failed (a restart interrupts a running job). */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;
export const exportJobListQuery = keysetPageQuery(50, 200);
export const exportJobListResponse = z.object({
  jobs: z.array(exportJobSchema),
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export const exportJobParams = z.object({ projectId: z.string().uuid(), jobId: z.string().uuid() });

/** `POST /api/projects/:projectId/snapshots`: a split snapshot (`split` train or test) holds both sides. */
export const createSnapshotBody = z
  .object({
    ...exportOptionsShape,
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'letters, digits, ".", "_" or "-", starting with a letter or digit'),
    description: z.string().max(20_000).default(''),
    /** The card's licence field (an SPDX id such as cc-by-4.0, or "other"). */
    license: z.string().trim().min(1).max(100).default('other'),
  })
  .refine(...fromBeforeTo);
export type CreateSnapshotBody = z.input<typeof createSnapshotBody>;

export const snapshotFileSchema = z.object({
  name: z.string(),
  lines: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
});
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

export const snapshotSchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  name: z.string(),
  description: z.string(),
  license: z.string(),
  options: z.record(z.string(), z.unknown()),
  /** SHA-256 over each file's name and SHA-256: equal hashes, equal datasets. */
  contentHash: z.string(),
  files: z.array(snapshotFileSchema),
  statistics: datasetStatisticsSchema,
  createdAt: z.string(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
export const snapshotListResponse = z.object({ snapshots: z.array(snapshotSchema) });
export const snapshotDetailSchema = snapshotSchema.extend({ card: z.string() });
export const snapshotParams = z.object({ projectId: z.string().uuid(), snapshotId: z.string().uuid() });
export const snapshotFileParams = snapshotParams.extend({ file: z.string().max(100) });
export const snapshotFileQuery = z.object({ gzip: flag.default(false) });

/** `POST /api/projects/:projectId/imports` query. */
export const importQuery = z.object({ format: z.enum(IMPORT_FORMATS).default('feedbench') });
export type ImportQuery = z.infer<typeof importQuery>;

// The line each format writes, exactly: what the consumer (TRL, OpenAI fine-tuning, HH-RLHF readers) requires and
// nothing else. Strict objects, so a stray field fails the schema checks.
const message = z.object({ role: z.enum(MESSAGE_ROLES), content: z.string() }).strict();
const prompt = z.array(message).min(1);
const assistantTurn = z.array(z.object({ role: z.literal('assistant'), content: z.string() }).strict()).length(1);
const transcript = z.string().startsWith('\n\n').includes('\n\nAssistant:');
const rankedOutput = z
  .object({
    id: z.string(),
    model: z.string().nullable(),
    content: z.string(),
    /** Competition rank ("1224"): 1 + the number of outputs ranked strictly better; tied outputs share it. */
    rank: z.number().int().min(1),
    /** Question id -> value (per annotator) or mean (consensus). */
    ratings: z.record(z.string(), z.number()),
    flagged: z.boolean(),
    /** Consensus only: Copeland score or Bradley-Terry log-strength. */
    score: z.number().optional(),
  })
  .strict();

/** Open-Assistant's ExportMessageNode (oasst_data/schemas.py) with Feedbench's provenance fields. */
export type OasstNode = {
  message_id: string;
  parent_id: string | null;
  user_id: string | null;
  text: string;
  role: 'prompter' | 'assistant';
  created_date: string;
  synthetic: boolean;
  model_name: string | null;
  rank: number | null;
  ratings: Record<string, number>;
  source: 'import' | 'annotator' | 'model' | 'edit';
  chosen: boolean;
  regenerated: boolean;
  edited_from: string | null;
  edit_diff: { op: string; text: string }[] | null;
  provenance: Record<string, unknown> | null;
  replies: OasstNode[];
};
const oasstNode: z.ZodType<OasstNode> = z.lazy(() =>
  z
    .object({
      message_id: z.string(),
      parent_id: z.string().nullable(),
      user_id: z.string().nullable(),
      text: z.string(),
      role: z.enum(['prompter', 'assistant']),
      created_date: z.string(),
      synthetic: z.boolean(),
      model_name: z.string().nullable(),
      rank: z.number().int().min(0).nullable(),
      ratings: z.record(z.string(), z.number()),
      source: z.enum(['import', 'annotator', 'model', 'edit']),
      chosen: z.boolean(),
      regenerated: z.boolean(),
      edited_from: z.string().nullable(),
      edit_diff: z.array(z.object({ op: z.string(), text: z.string() })).nullable(),
      provenance: z.record(z.string(), z.unknown()).nullable(),
      replies: z.array(oasstNode),
    })
    .strict(),
);

export const exportLineSchemas = {
  'openai-chat': z.object({ messages: z.array(message).min(2) }).strict(),
  'trl-sft': z.object({ prompt, completion: assistantTurn }).strict(),
  'trl-sft-text': z.object({ prompt: z.string().endsWith('Assistant:'), completion: z.string() }).strict(),
  'trl-preference': z
    .object({
      prompt,
      chosen: assistantTurn,
      rejected: assistantTurn,
      /** Llama 2 style margin in [0, 1] (present whenever the template has a rating question). */
      margin: z.number().min(0).max(1).optional(),
      score_chosen: z.number().nullable().optional(),
      score_rejected: z.number().nullable().optional(),
    })
    .strict(),
  'openai-dpo': z
    .object({
      input: z.object({ messages: prompt }).strict(),
      preferred_output: assistantTurn,
      non_preferred_output: assistantTurn,
    })
    .strict(),
  'hh-rlhf': z.object({ chosen: transcript, rejected: transcript }).strict(),
  'trl-kto': z.object({ prompt, completion: assistantTurn, label: z.boolean() }).strict(),
  rankings: z
    .object({
      item_id: z.string(),
      prompt,
      /** Per annotator: one pseudonymous id; consensus: every annotator behind it. */
      annotators: z.array(z.string()).min(1),
      aggregation: z.enum(['per-annotator', ...CONSENSUS_METHODS]),
      outputs: z.array(rankedOutput).min(2),
      /** Consensus only: mean agreement of the annotators with the consensus over its pairs (null: no pairs). */
      agreement: z.number().nullable().optional(),
      reference: answerSchema.nullable(),
      submitted_at: z.string().optional(),
    })
    .strict(),
  raw: z
    .object({
      annotation_id: z.string(),
      item_id: z.string(),
      annotator: z.string(),
      prompt,
      outputs: z.array(
        z
          .object({
            id: z.string(),
            model: z.string().nullable(),
            content: z.string(),
            /**
             * Sampled outputs (generation jobs, chat candidates): connection, parameters, finish reason, usage,
             * latency of the call that wrote it.
             */
            provenance: z.record(z.string(), z.unknown()).optional(),
            /** The output's reward score (imported, set through the API or by a scoring job); null: none. */
            score: z.number().nullable(),
            /** The scoring job that set `score`, when one did (a score imported or set by hand has none). */
            score_provenance: rewardScoreProvenanceSchema.nullable(),
          })
          .strict(),
      ),
      metadata: z.record(z.string(), z.unknown()),
      answers: z.record(z.string(), z.unknown()),
      display_order: z.array(z.string()),
      template_version: z.number().int(),
      guidelines_version: z.number().int(),
      lease_id: z.string(),
      started_at: z.string(),
      submitted_at: z.string(),
      time_on_task_ms: z.number().int().nullable(),
      /** The reviewer's verdict (rejected annotations are never exported); null: not reviewed. */
      review: z.enum(['accepted', 'corrected']).nullable(),
      /** A reviewer's correction, beside the annotator's untouched `answers`. */
      corrected_answers: z.record(z.string(), z.unknown()).nullable(),
      reference: answerSchema.nullable(),
      /** Chat projects: the turn this line is (one line per completed turn), its chosen reply and edit. */
      chat: z
        .object({
          conversation_id: z.string(),
          turn: z.number().int().min(1),
          system_prompt: z.string(),
          chosen_id: z.string(),
          edit: z
            .object({
              id: z.string(),
              text: z.string(),
              diff: z.array(z.object({ op: z.string(), text: z.string() })),
            })
            .nullable(),
          tokens_used: z.number().int(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  'oasst-message-tree': z
    .object({
      message_tree_id: z.string(),
      tree_state: z.literal('ready_for_export'),
      item_id: z.string(),
      annotator: z.string(),
      system_prompt: z.string().nullable(),
      /** The candidate slots the conversation ran with: connection, model, sampling parameters. */
      models: z.array(
        z
          .object({
            slot: z.number().int(),
            connection_id: z.string(),
            model: z.string().nullable(),
            params: z.record(z.string(), z.unknown()),
          })
          .strict(),
      ),
      tokens_used: z.number().int(),
      prompt: oasstNode,
    })
    .strict(),
} satisfies Record<ExportFormat, z.ZodType>;

/**
 * A model judge's answer in a raw export with `includeJudges` (a line of its own after the item's human lines): the
 * `annotator` is an object naming the judge and its model, never a pseudonym, so no reader takes it for a person's.
 */
export const exportJudgeLineSchema = z
  .object({
    item_id: z.string(),
    annotator: z
      .object({
        kind: z.literal('judge'),
        judge_id: z.string(),
        name: z.string(),
        model: z.string(),
      })
      .strict(),
    prompt,
    outputs: z.array(z.object({ id: z.string(), model: z.string().nullable(), content: z.string() }).strict()),
    metadata: z.record(z.string(), z.unknown()),
    answers: z.record(z.string(), z.unknown()),
    /** The order the outputs were shown to the judge (as A, B, ...), random per call. */
    display_order: z.array(z.string()),
    template_version: z.number().int(),
    answered_at: z.string(),
    latency_ms: z.number().int(),
  })
  .strict();
export type ExportJudgeLine = z.infer<typeof exportJudgeLineSchema>;
