import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type {
  Answers,
  DatasetStatistics,
  ExportFileFormat,
  ExportOptions,
  RewardScoreProvenance,
} from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import type { AuditActor, AuditRecorder } from '../audit/audit.service.ts';
import type { ChatExportConversation } from '../chats/chats.export.ts';
import type { ProjectEvents } from '../live/project-events.ts';
import { type ChatUnit, chatTurnItems } from './chat-turns.ts';
import { createStatisticsCollector } from './dataset-stats.ts';
import { createExportJobsService } from './export-jobs.service.ts';
import { exportErrors } from './exports.errors.ts';
import { createExportsRepository, type ExportItem, type ExportPageFilter } from './exports.repository.ts';
import type { ExportHooks, ExportObserver, ExportProject } from './exports.types.ts';
import { type ExportRow, FORMATTERS } from './formats/index.ts';
import { parquetStream } from './formats/parquet.ts';
import { type JudgeExportAnswer, rawJudgeLines } from './formats/raw.ts';
import { SerializedLine } from './formats/serialized-line.ts';
import { itemAgreement } from './item-agreement.ts';
import { preferenceOf, prepareItem, type TemplateView, templateView } from './judgements.ts';
import { createSnapshotsService } from './snapshots.service.ts';
import { splitOf } from './split.ts';

/** Items per keyset page: a few indexed queries per page, a bounded amount of text in memory. */
const DEFAULT_PAGE_SIZE = 250;
/**
 * Lines handed on at a time. A page of 250 ranking items makes ~1,500 lines; holding them all until the page ends
 * keeps them alive across young-generation collections, so V8 promotes them to the old generation, which then
 * grows as garbage until a full collection (the export's peak RSS). Small batches die young.
 */
const BATCH_LINES = 64;
/** Yield at about this many characters, so one page of long texts never becomes one huge chunk. */
const CHUNK_CHARS = 64 * 1024;
/** The annotator id an adjudicated judgement is exported under (pseudonymized like any other). */
const ADJUDICATOR = 'adjudication';

/** What the exports read from other modules, through their services (wired in services.ts). */
export interface ExportSources {
  /** Item id -> the answers an adjudicator settled on (adjudication module). */
  adjudicatedAnswers?: (projectId: string) => Promise<Map<string, Answers>>;
  /** Annotator (user) id -> share of gold items answered right (gold module). */
  goldAccuracy?: (projectId: string) => Promise<Map<string, number>>;
  /** `itemId:userId` -> the submitted live conversation behind that annotation (chats module; chat projects). */
  chatConversations?: (
    pairs: readonly { itemId: string; userId: string }[],
  ) => Promise<Map<string, ChatExportConversation>>;
  /** Item id -> the model judges' answers to it (judges module; raw exports with includeJudges). */
  judgeAnswers?: (itemIds: readonly string[]) => Promise<Map<string, JudgeExportAnswer[]>>;
  /** Item id -> output id -> the scoring job behind the output's current reward score (judges module; raw exports). */
  scoreProvenance?: (itemIds: readonly string[]) => Promise<Map<string, Map<string, RewardScoreProvenance>>>;
}

/** The filters resolved against the database once per export: who is excluded, which items were adjudicated. */
interface ExportPlan {
  filter: ExportPageFilter;
  adjudicated: Map<string, Answers>;
}

export function createExportsService({
  db,
  clock = systemClock,
  sources = {},
  events,
  exportsDir = path.resolve('.feedbench', 'exports'),
  audit,
}: {
  db: Database;
  clock?: Clock;
  /** Records each file that leaves the server (a download, a background job's file). */
  audit: AuditRecorder;
  sources?: ExportSources;
  /** Where background export jobs publish their progress. */
  events?: ProjectEvents;
  /** Where background export jobs write their files. */
  exportsDir?: string;
}) {
  const repository = createExportsRepository(db);

  function pageFilter(options: ExportOptions, excludedAnnotators: string[] = []): ExportPageFilter {
    return {
      minAnnotations: options.minAnnotations,
      from: options.from ? new Date(options.from) : undefined,
      to: options.to ? new Date(options.to) : undefined,
      reviewedOnly: options.reviewedOnly,
      preferCorrected: options.preferCorrected,
      includeGold: options.includeGold,
      metadata: (options.metadata ?? '').split(',').flatMap((pair) => {
        const at = pair.indexOf('=');
        return at > 0 ? [[pair.slice(0, at).trim(), pair.slice(at + 1).trim()] as [string, string]] : [];
      }),
      excludedAnnotators,
    };
  }

  async function plan(project: ExportProject, options: ExportOptions): Promise<ExportPlan> {
    let excluded: string[] = [];
    if (options.minGoldAccuracy !== undefined) {
      if (!sources.goldAccuracy) throw exportErrors.goldUnavailable();
      const accuracy = await sources.goldAccuracy(project.id);
      const threshold = options.minGoldAccuracy;
      excluded = [...accuracy].flatMap(([userId, share]) => (share < threshold ? [userId] : []));
    }
    // Raw lines are every annotation as stored: an adjudication does not replace them.
    const adjudicated =
      options.preferAdjudicated && options.format !== 'raw' && sources.adjudicatedAnswers
        ? await sources.adjudicatedAnswers(project.id)
        : new Map<string, Answers>();
    return { filter: pageFilter(options, excluded), adjudicated };
  }

  /** The item as the formats see it: checked against the item-level filters, its adjudication standing in. */
  function itemForExport(item: ExportItem, options: ExportOptions, template: TemplateView, exportPlan: ExportPlan) {
    if (item.annotations.length < options.minAnnotations) return null;
    if (options.minItemAgreement !== undefined) {
      const question = template.preferenceQuestion;
      const outputIds = item.outputs.map((o) => o.id);
      const rankings = question
        ? item.annotations.flatMap((a) => {
            const preference = preferenceOf(a.answers[question.id], outputIds);
            return preference ? [preference.groups] : [];
          })
        : [];
      const agreement = itemAgreement(rankings, outputIds);
      if (agreement === null || agreement < options.minItemAgreement) return null;
    }
    const answers = exportPlan.adjudicated.get(item.id);
    const [first] = item.annotations;
    if (!answers || !first) return item;
    // One judgement settled by an adjudicator replaces the annotators' (their versions and times are the first's).
    return {
      ...item,
      annotations: [
        {
          ...first,
          id: `adjudication-${item.id}`,
          userId: ADJUDICATOR,
          answers,
          storedAnswers: answers,
          review: null,
          correctedAnswers: null,
          timeOnTaskMs: null,
        },
      ],
    };
  }

  async function chatConversationsOf(page: readonly ExportItem[]) {
    if (!sources.chatConversations) return new Map<string, ChatExportConversation>();
    return sources.chatConversations(
      page.flatMap((item) => item.annotations.map((a) => ({ itemId: item.id, userId: a.userId }))),
    );
  }

  /** A chat item's annotations become one unit per completed turn of each annotator's conversation. */
  function chatUnits(item: ExportItem, conversations: Map<string, ChatExportConversation>) {
    return item.annotations.flatMap((annotation) => {
      const conversation = conversations.get(`${item.id}:${annotation.userId}`);
      if (!conversation) return [];
      const turns = chatTurnItems(item, annotation, conversation);
      return turns.map((turn, index): { item: ExportItem; chat: ChatUnit } => ({
        item: turn.item,
        chat: { turn, annotation, starter: item, last: index === turns.length - 1 },
      }));
    });
  }

  /** Raw lines say which reward model scored each output, when a scoring job set the score it carries. */
  async function addScoreProvenance(items: readonly ExportItem[]) {
    const scored = items.filter((item) => item.outputs.some((o) => o.score != null));
    if (scored.length === 0 || !sources.scoreProvenance) return;
    const provenance = await sources.scoreProvenance(scored.map((item) => item.id));
    for (const item of scored) {
      for (const output of item.outputs) output.scoreProvenance = provenance.get(item.id)?.get(output.id) ?? null;
    }
  }

  /** Lines in small batches, page after page; the consumer's pace drives the reads (backpressure). */
  async function* rows(
    project: ExportProject,
    options: ExportOptions,
    { pageSize = DEFAULT_PAGE_SIZE, observe, onProgress }: ExportHooks,
    planned?: ExportPlan,
  ): AsyncGenerator<ExportRow[]> {
    const exportPlan = planned ?? (await plan(project, options));
    const formatter = FORMATTERS[options.format];
    const context = { projectId: project.id, template: templateView(project.settings.questions) };
    // Item-level checks are done in itemForExport; prepareItem only builds judgements.
    const prepareContext = { ...context, options: { ...options, minAnnotations: 1 } };
    let after: number | undefined;
    let itemsDone = 0;
    let rowCount = 0;
    do {
      const page = await repository.page(project.id, after, pageSize, exportPlan.filter);
      const conversations = project.kind === 'chat' ? await chatConversationsOf(page.items) : undefined;
      const judged =
        options.includeJudges && !conversations && sources.judgeAnswers
          ? await sources.judgeAnswers(page.items.map((item) => item.id))
          : undefined;
      if (options.format === 'raw' && !conversations) await addScoreProvenance(page.items);
      let batch: ExportRow[] = [];
      for (const item of page.items) {
        // A conversation's turns stay on one side of the split: it is decided by the item (its starter).
        if (options.split !== 'all' && splitOf(item.conversation, options.seed, options.testFraction) !== options.split)
          continue;
        const kept = itemForExport(item, options, context.template, exportPlan);
        if (!kept) continue;
        for (const unit of conversations ? chatUnits(kept, conversations) : [{ item: kept, chat: undefined }]) {
          const prepared = prepareItem(unit.item, prepareContext);
          if (!prepared) continue;
          // A chat turn's SFT line is the reply the conversation continued with: the edit, else the chosen one.
          if (unit.chat) prepared.completions = unit.chat.turn.reply ? [unit.chat.turn.reply.content] : [];
          let lineCount = 0;
          for (const line of formatter.lines(prepared, { ...context, chat: unit.chat })) {
            batch.push(line);
            lineCount++;
          }
          // Model answers after the item's human lines, each marked as a judge's (never counted as an annotation,
          // counted as lines of the file: the summary says what the download holds).
          for (const line of rawJudgeLines(prepared, judged?.get(unit.item.id) ?? [])) {
            batch.push(line);
            lineCount++;
          }
          rowCount += lineCount;
          observe?.(prepared, lineCount);
        }
        if (batch.length >= BATCH_LINES) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      itemsDone += page.items.length;
      onProgress?.({ itemsDone, rows: rowCount });
      after = page.next;
    } while (after !== undefined);
  }

  /** JSONL text in chunks of about CHUNK_CHARS. */
  async function* jsonl(batches: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
    let chunk = '';
    for await (const batch of batches) {
      for (const line of batch) {
        chunk += `${line instanceof SerializedLine ? line.json : JSON.stringify(line)}\n`;
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      }
    }
    if (chunk) yield chunk;
  }

  function checkKind(project: ExportProject, options: ExportOptions, fileFormat?: ExportFileFormat) {
    const { kinds } = FORMATTERS[options.format];
    if (!kinds.includes(project.kind)) throw exportErrors.formatNeedsKind(options.format, kinds, project.kind);
    // Judge lines have a shape of their own: only raw JSON Lines carry them (Parquet has one schema per format).
    if (options.includeJudges && (options.format !== 'raw' || fileFormat === 'parquet'))
      throw exportErrors.judgesNeedRaw();
  }

  /**
   * Checks that the format fits the project (before any byte is sent), then returns the lazy JSONL stream.
   * Filters, aggregation, pairs and split are the options of `exportQuery` in shared/.
   */
  function lines(
    project: ExportProject,
    options: ExportOptions,
    pageSize = DEFAULT_PAGE_SIZE,
    observe?: ExportObserver,
  ): AsyncGenerator<string> {
    checkKind(project, options);
    return jsonl(rows(project, options, { pageSize, observe }));
  }

  /** Items the export's filters may keep (the denominator of progress bars); the per-item checks come later. */
  async function countItems(
    project: ExportProject,
    options: ExportOptions,
    fileFormat?: ExportFileFormat,
  ): Promise<number> {
    checkKind(project, options, fileFormat);
    return repository.countItems(project.id, (await plan(project, options)).filter);
  }

  /**
   * The export as a file's bytes: JSONL, gzipped JSONL (a real .gz file) or Parquet. Options that cannot work
   * (format vs project kind, gold accuracy without gold scores) throw before any byte is produced.
   */
  async function file(
    project: ExportProject,
    options: ExportOptions,
    fileFormat: ExportFileFormat,
    hooks: ExportHooks = {},
  ): Promise<Readable> {
    checkKind(project, options, fileFormat);
    const batches = rows(project, options, hooks, await plan(project, options));
    if (fileFormat === 'parquet') return parquetStream(options.format, batches);
    const text = Readable.from(jsonl(batches));
    // A failure of the source destroys the gzip stream with that error, so the consumer sees it.
    return fileFormat === 'jsonl.gz' ? pipeline(text, createGzip(), () => {}) : text;
  }

  return {
    lines,
    snapshots: createSnapshotsService({ db, clock, lines }),

    countItems,
    file,
    jobs: createExportJobsService({ db, clock, events, exportsDir, audit, exports: { file, countItems } }),

    /** The file a caller takes away (their access is checked by the caller): `file`, audited as the data leaving. */
    async download(
      by: AuditActor,
      project: ExportProject,
      options: ExportOptions,
      fileFormat: ExportFileFormat,
      hooks?: ExportHooks,
    ) {
      const body = await file(project, options, fileFormat, hooks);
      await audit.record('export.download', by, { projectId: project.id, details: { format: options.format } });
      return body;
    },

    /**
     * What the export would hold, without the text: counts, annotators, rating distributions, agreement with 95%
     * bootstrap intervals, and agreement with imported reference labels (the preview before a download, the card of
     * a snapshot).
     */
    async statistics(project: ExportProject, options: ExportOptions): Promise<DatasetStatistics> {
      checkKind(project, options);
      const collector = createStatisticsCollector(project.id, templateView(project.settings.questions));
      const exportPlan = await plan(project, options);
      for await (const _ of rows(project, options, { observe: collector.observe }, exportPlan)) {
        // The lines are dropped; the collector sees every item.
      }
      const read = await repository.countItems(project.id, { ...exportPlan.filter, minAnnotations: 1 });
      const { items: kept, itemsWithoutLines, flaggedOutputs } = collector.leftOut();
      const excluded = await repository.exclusions(project.id, exportPlan.filter);
      return {
        ...collector.summary(),
        excluded: { ...excluded, filteredItems: Math.max(0, read - kept), itemsWithoutLines, flaggedOutputs },
      };
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;
