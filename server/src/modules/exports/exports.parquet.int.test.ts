import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import parquet from '@dsnp/parquetjs';
import { DuckDBInstance } from '@duckdb/node-api';
import { type ExportFormat, RANKING_EXPORT_FORMATS, type Task } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import { annotateAll, exportLines, ManualClock, requestExport } from './exports.fixtures.ts';

// Every format written as Parquet must hold the same records as its JSONL: read back with the writer's own reader,
// with DuckDB, and with pandas (pyarrow) when the machine has it.

let h: TestHarness;
let researcher: Awaited<ReturnType<TestHarness['user']>>;
const projects = { ranking: '', demonstration: '' };
const work = mkdtempSync(path.join(tmpdir(), 'feedbench-parquet-'));
const clock = new ManualClock('2026-03-01T09:00:00.000Z');

beforeAll(async () => {
  h = await buildTestApp({ clock });
  researcher = await h.user('researcher');
  const [a, b, writer] = [await h.user('annotator'), await h.user('annotator'), await h.user('annotator')];
  const ranking = await h.project(researcher, {
    kind: 'ranking',
    settings: {
      overlapTarget: 2,
      leaseMinutes: 30,
      ordering: 'import-order',
      questions: [
        { id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: true },
        { id: 'quality', type: 'rating', label: 'Quality', required: true, scope: 'output', min: 1, max: 7 },
      ],
    },
  });
  projects.ranking = ranking.id;
  await h.importItems(researcher, ranking.id, [
    {
      id: 'p1',
      prompt: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Name a colour — émoji 🎨 and "quotes".' },
      ],
      outputs: [
        { id: 'red', model: 'model-a', content: 'Red.' },
        { id: 'blue', content: 'Blue.\nOn two lines.' },
        { id: 'none', model: 'model-c', content: '' },
      ],
      metadata: { source: 'fixture', n: 3 },
    },
    {
      id: 'p2',
      prompt: 'Say yes.',
      outputs: [
        { id: 'yes', content: 'Yes.' },
        { id: 'no', content: 'No.' },
      ],
    },
  ]);
  const answers: Record<string, Record<string, object>> = {
    p1: {
      rank: { type: 'ranking', groups: [['red'], ['blue', 'none']] },
      quality: { type: 'rating', values: { red: 6, blue: 3, none: 1 } },
    },
    p2: {
      rank: { type: 'ranking', groups: [['yes'], ['no']] },
      quality: { type: 'rating', values: { yes: 7, no: 2 } },
    },
  };
  for (const person of [a, b]) {
    await h.addMember(researcher, ranking.id, person);
    await annotateAll(h, person, ranking.id, (task: Task) => answers[task.item.externalId] as never, clock);
  }
  const demonstration = await h.project(researcher, { kind: 'demonstration' });
  projects.demonstration = demonstration.id;
  await h.importItems(researcher, demonstration.id, [
    {
      id: 'd1',
      prompt: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'A prime?' },
      ],
    },
  ]);
  await h.addMember(researcher, demonstration.id, writer);
  await annotateAll(h, writer, demonstration.id, () => ({ reply: { type: 'demonstration', text: '7.' } }), clock);
  // PGlite on a machine shared by several test runs can take over a minute to set this up.
}, 180_000);
afterAll(async () => {
  await h.close();
  rmSync(work, { recursive: true, force: true });
});

/** Columns Parquet holds as JSON text (their keys differ per project): parsed back before comparing. */
const JSON_COLUMNS = new Set(['ratings', 'reference', 'metadata', 'answers', 'corrected_answers']);

/**
 * JSONL leaves out what Parquet stores as null; DuckDB reads BIGINT as bigint and JSON columns as text; a repeated
 * field with no values is [] to DuckDB and absent to parquetjs's reader (a bare repeated field has no null): both
 * mean an empty list, so empty lists count as absent.
 */
function comparable(value: unknown, key = ''): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && JSON_COLUMNS.has(key)) return JSON.parse(value);
  if (Array.isArray(value)) return value.map((v) => comparable(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).flatMap(([k, v]) =>
        v === null || v === undefined || (Array.isArray(v) && v.length === 0) ? [] : [[k, comparable(v, k)]],
      ),
    );
  }
  return value;
}

async function parquetFile(projectId: string, format: ExportFormat): Promise<string> {
  const response = await requestExport(h, researcher, projectId, { format, fileFormat: 'parquet' });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/vnd.apache.parquet');
  expect(response.headers['content-disposition']).toContain(`.${format}.parquet"`);
  const file = path.join(work, `${projectId}.${format}.parquet`);
  writeFileSync(file, response.rawPayload);
  return file;
}

async function readWithParquetjs(file: string): Promise<unknown[]> {
  const reader = await parquet.ParquetReader.openFile(file);
  const cursor = reader.getCursor();
  const records: unknown[] = [];
  for (let record = await cursor.next(); record; record = await cursor.next()) records.push(record);
  await reader.close();
  return records;
}

async function readWithDuckDb(file: string): Promise<unknown[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const result = await connection.runAndReadAll(`select * from read_parquet('${file.replaceAll("'", "''")}')`);
    return result.getRowObjectsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const cases = [
  ...RANKING_EXPORT_FORMATS.map((format) => ({ format, project: 'ranking' as const })),
  ...(['openai-chat', 'trl-sft', 'trl-sft-text', 'raw'] as const).map((format) => ({
    format,
    project: 'demonstration' as const,
  })),
];

describe('Parquet exports', () => {
  it.each(cases)(
    '$format ($project) holds the JSONL records, nested messages included',
    async ({ format, project }) => {
      const expected = (await exportLines(h, researcher, projects[project], { format })).map((line) =>
        comparable(line),
      );
      expect(expected.length).toBeGreaterThan(0);
      const file = await parquetFile(projects[project], format);
      expect((await readWithParquetjs(file)).map((r) => comparable(r))).toEqual(expected);
      expect((await readWithDuckDb(file)).map((r) => comparable(r))).toEqual(expected);
    },
  );

  it('gives DuckDB messages as a list of structs, not text', async () => {
    const file = await parquetFile(projects.ranking, 'trl-preference');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const described = await connection.runAndReadAll(`describe select * from read_parquet('${file}')`);
    const types = Object.fromEntries(
      described.getRowObjectsJS().map((row) => [String(row.column_name), String(row.column_type)]),
    );
    const first = await connection.runAndReadAll(`select prompt[2].content as c from read_parquet('${file}') limit 1`);
    connection.closeSync();
    instance.closeSync();
    expect(types.prompt).toBe('STRUCT("role" VARCHAR, "content" VARCHAR)[]');
    expect(types.margin).toBe('DOUBLE');
    expect(first.getRowObjectsJS()[0]?.c).toBe('Name a colour — émoji 🎨 and "quotes".');
  });

  const pandas = spawnSync('python3', ['-c', 'import pandas, pyarrow'], { encoding: 'utf8' });
  it.skipIf(pandas.status !== 0)(
    'is read by pandas.read_parquet (skipped: python3 lacks pandas + pyarrow; Debian bookworm has no python3-pyarrow)',
    async () => {
      const expected = (await exportLines(h, researcher, projects.ranking, { format: 'openai-dpo' })).map((line) =>
        comparable(line),
      );
      const file = await parquetFile(projects.ranking, 'openai-dpo');
      const script = `import json, sys, pandas
frame = pandas.read_parquet(sys.argv[1])
print(frame.to_json(orient="records"))`;
      const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(comparable(JSON.parse(run.stdout))).toEqual(expected);
    },
  );
});
