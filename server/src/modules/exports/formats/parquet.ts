import { PassThrough, type Readable } from 'node:stream';
import type { SchemaDefinition } from '@dsnp/parquetjs/dist/lib/declare.js';
import type { ExportFormat } from '@feedbench/shared';
import type { ExportRow } from './index.ts';
import { SerializedLine } from './serialized-line.ts';

/**
 * Parquet columns per format: the JSONL line's fields one for one, so `pandas.read_parquet` or DuckDB's
 * `read_parquet` give the same records `read_json(lines=True)` does. Message lists are repeated groups (lists of
 * {role, content} structs); free-form objects (answers, ratings, metadata, reference labels) are JSON text columns
 * (Parquet's JSON logical type), since their keys differ from project to project.
 */
const text = { type: 'UTF8' } as const;
const optionalText = { type: 'UTF8', optional: true } as const;
const json = { type: 'JSON' } as const;
const optionalJson = { type: 'JSON', optional: true } as const;
const optionalDouble = { type: 'DOUBLE', optional: true } as const;
const messages = { repeated: true, fields: { role: text, content: text } } as const;
/** An output as every format with an `outputs` list names it; each adds its own columns. */
const output = { id: text, model: optionalText, content: text } as const;

export const PARQUET_SCHEMAS: Record<ExportFormat, SchemaDefinition> = {
  'openai-chat': { messages },
  'trl-sft': { prompt: messages, completion: messages },
  'trl-sft-text': { prompt: text, completion: text },
  'trl-preference': {
    prompt: messages,
    chosen: messages,
    rejected: messages,
    margin: optionalDouble,
    score_chosen: optionalDouble,
    score_rejected: optionalDouble,
  },
  'openai-dpo': { input: { fields: { messages } }, preferred_output: messages, non_preferred_output: messages },
  'hh-rlhf': { chosen: text, rejected: text },
  'trl-kto': { prompt: messages, completion: messages, label: { type: 'BOOLEAN' } },
  rankings: {
    item_id: text,
    prompt: messages,
    annotators: { type: 'UTF8', repeated: true },
    aggregation: text,
    outputs: {
      repeated: true,
      fields: {
        ...output,
        rank: { type: 'INT32' },
        ratings: json,
        flagged: { type: 'BOOLEAN' },
        score: optionalDouble,
      },
    },
    agreement: optionalDouble,
    reference: optionalJson,
    submitted_at: optionalText,
  },
  raw: {
    annotation_id: text,
    item_id: text,
    annotator: text,
    prompt: messages,
    outputs: {
      repeated: true,
      fields: { ...output, provenance: optionalJson, score: optionalDouble, score_provenance: optionalJson },
    },
    metadata: json,
    answers: json,
    display_order: { type: 'UTF8', repeated: true },
    template_version: { type: 'INT32' },
    guidelines_version: { type: 'INT32' },
    lease_id: text,
    started_at: text,
    submitted_at: text,
    time_on_task_ms: { type: 'INT64', optional: true },
    review: optionalText,
    corrected_answers: optionalJson,
    reference: optionalJson,
    chat: optionalJson,
  },
  // A tree nests to any depth, which Parquet columns cannot: the root prompt node is one JSON column.
  'oasst-message-tree': {
    message_tree_id: text,
    tree_state: text,
    item_id: text,
    annotator: text,
    system_prompt: optionalText,
    models: json,
    tokens_used: { type: 'INT64' },
    prompt: json,
  },
};

/** Rows buffered per row group: a bounded amount of text in memory, and row groups big enough to read fast. */
const ROW_GROUP_SIZE = 1000;

/**
 * A Parquet file of the rows, as a byte stream. Rows are appended one batch at a time and each write waits for the
 * stream to take its bytes, so a slow reader slows the export instead of filling memory (backpressure).
 */
export function parquetStream(format: ExportFormat, batches: AsyncIterable<ExportRow[]>): Readable {
  const out = new PassThrough();
  void (async () => {
    // Loaded on first use: the writer pulls in a large dependency tree that JSONL exports never need.
    const { default: parquet } = await import('@dsnp/parquetjs');
    // The writer only calls write() and end() with callbacks, which any Writable has (its type asks for a file).
    const sink = out as unknown as Parameters<typeof parquet.ParquetWriter.openStream>[1];
    const writer = await parquet.ParquetWriter.openStream(new parquet.ParquetSchema(PARQUET_SCHEMAS[format]), sink, {
      rowGroupSize: ROW_GROUP_SIZE,
    });
    for await (const batch of batches) {
      for (const row of batch) await writer.appendRow(row instanceof SerializedLine ? JSON.parse(row.json) : row);
    }
    await writer.close();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
