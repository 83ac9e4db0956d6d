import type { DatasetStatistics, ExportOptions, ExportSplit, ProjectSettings, TaskKind } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { createStatisticsCollector } from './dataset-stats.ts';
import { exportErrors } from './exports.errors.ts';
import { createExportsRepository } from './exports.repository.ts';
import { FORMATTERS } from './formats/index.ts';
import { SerializedLine } from './formats/serialized-line.ts';
import { type PreparedItem, prepareItem, templateView } from './judgements.ts';
import { createSnapshotsService } from './snapshots.service.ts';
import { splitOf } from './split.ts';

/** Items per keyset page: a few indexed queries per page, a bounded amount of text in memory. */
const DEFAULT_PAGE_SIZE = 250;
/** Yield at about this many characters, so one page of long texts never becomes one huge chunk. */
const CHUNK_CHARS = 64 * 1024;

/** Sees every exported item with the number of lines it made (statistics for previews and dataset cards). */
export type ExportObserver = (prepared: PreparedItem, lines: number) => void;

export interface ExportProject {
  id: string;
  name: string;
  kind: TaskKind;
  settings: Pick<ProjectSettings, 'questions'>;
}

export function createExportsService({ db, clock = systemClock }: { db: Database; clock?: Clock }) {
  const repository = createExportsRepository(db);

  /** JSONL text in chunks, one keyset page at a time; the consumer's pace drives the reads (backpressure). */
  async function* stream(
    project: ExportProject,
    options: ExportOptions,
    pageSize: number,
    observe?: ExportObserver,
  ): AsyncGenerator<string> {
    const formatter = FORMATTERS[options.format];
    const context = { projectId: project.id, template: templateView(project.settings.questions) };
    const prepareContext = { ...context, options };
    const filter = {
      minAnnotations: options.minAnnotations,
      from: options.from ? new Date(options.from) : undefined,
      to: options.to ? new Date(options.to) : undefined,
    };
    let after: number | undefined;
    let chunk = '';
    do {
      const page = await repository.page(project.id, after, pageSize, filter);
      for (const item of page.items) {
        if (options.split !== 'all' && splitOf(item.conversation, options.seed, options.testFraction) !== options.split)
          continue;
        const prepared = prepareItem(item, prepareContext);
        if (!prepared) continue;
        let lineCount = 0;
        for (const line of formatter.lines(prepared, context)) {
          lineCount++;
          chunk += `${line instanceof SerializedLine ? line.json : JSON.stringify(line)}\n`;
          if (chunk.length >= CHUNK_CHARS) {
            yield chunk;
            chunk = '';
          }
        }
        observe?.(prepared, lineCount);
      }
      after = page.next;
    } while (after !== undefined);
    if (chunk) yield chunk;
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
    const { kinds } = FORMATTERS[options.format];
    if (!kinds.includes(project.kind)) throw exportErrors.formatNeedsKind(options.format, kinds, project.kind);
    return stream(project, options, pageSize, observe);
  }

  return {
    lines,
    snapshots: createSnapshotsService({ db, clock, lines }),

    /**
     * What the export would hold, without the text: counts, annotators, rating distributions, agreement with 95%
     * bootstrap intervals, and agreement with imported reference labels (the preview before a download, the card of
     * a snapshot).
     */
    async statistics(project: ExportProject, options: ExportOptions): Promise<DatasetStatistics> {
      const collector = createStatisticsCollector(project.id, templateView(project.settings.questions));
      for await (const _ of lines(project, options, DEFAULT_PAGE_SIZE, collector.observe)) {
        // The text is dropped; the collector sees every item.
      }
      return collector.summary();
    },
  };
}
export type ExportsService = ReturnType<typeof createExportsService>;

/** `<project>.<format>[.<split>].jsonl[.gz]`, safe in a Content-Disposition header and on any file system. */
export function exportFileName(projectName: string, format: string, split: ExportSplit, gzip: boolean): string {
  const slug = projectName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'project';
  return `${slug}.${format}${split === 'all' ? '' : `.${split}`}.jsonl${gzip ? '.gz' : ''}`;
}
