import type { ExportFileFormat, ExportSplit, ProjectSettings, TaskKind } from '@feedbench/shared';
import type { PreparedItem } from './judgements.ts';

/*
 * What the export pipeline (exports.service.ts) shares with the two callers it builds, background jobs
 * (export-jobs.service.ts) and snapshots (snapshots.service.ts): kept apart so those import it, not the service.
 */

/** Sees every exported item with the number of lines it made (statistics for previews and dataset cards). */
export type ExportObserver = (prepared: PreparedItem, lines: number) => void;
/** After each page: items read so far (kept or not) and lines written so far. */
export type ExportProgress = (progress: { itemsDone: number; rows: number }) => void;

export interface ExportProject {
  id: string;
  name: string;
  kind: TaskKind;
  settings: Pick<ProjectSettings, 'questions'>;
}

export interface ExportHooks {
  pageSize?: number;
  observe?: ExportObserver;
  onProgress?: ExportProgress;
}

/** `<project>.<format>[.<split>].<jsonl|jsonl.gz|parquet>`, safe in a Content-Disposition header and on any disk. */
export function exportFileName(
  projectName: string,
  format: string,
  split: ExportSplit,
  fileFormat: ExportFileFormat,
): string {
  const slug = projectName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'project';
  return `${slug}.${format}${split === 'all' ? '' : `.${split}`}.${fileFormat}`;
}
