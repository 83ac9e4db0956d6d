import type { ExportFileFormat } from '@feedbench/shared';

/** The media type of each export file format (a .jsonl.gz is a gzip file, not gzip Content-Encoding). */
export const CONTENT_TYPES: Record<ExportFileFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  'jsonl.gz': 'application/gzip',
  parquet: 'application/vnd.apache.parquet',
};
