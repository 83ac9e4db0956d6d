import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import parquet from '@dsnp/parquetjs';
import type { Answers } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { arrangeProject, nextTask, parseJsonl, signedIn, submit } from '../support/api.ts';
import { asShown, fixture as fixtureItems } from '../support/fixtures.ts';
import { signInQuietly } from '../support/ui.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** Parquet's JSON text columns parsed, nulls and empty lists dropped: the record JSONL would hold. */
function comparable(value: unknown, key = ''): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && ['ratings', 'reference', 'metadata', 'answers'].includes(key))
    return JSON.parse(value);
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

async function readParquet(file: string): Promise<unknown[]> {
  const reader = await parquet.ParquetReader.openFile(file);
  const cursor = reader.getCursor();
  const records: unknown[] = [];
  for (let record = await cursor.next(); record; record = await cursor.next()) records.push(comparable(record));
  await reader.close();
  return records;
}

/** Picks format and file format in the export panel, clicks the download link, returns the saved file's path. */
async function download(page: Page, format: string, fileFormat: string): Promise<string> {
  const panel = page.getByRole('region', { name: 'Export', exact: true });
  await panel.getByLabel('Format', { exact: true }).selectOption(format);
  await panel.getByLabel('File', { exact: true }).selectOption(fileFormat);
  const started = page.waitForEvent('download');
  await panel.getByRole('link', { name: `Download ${format} (${fileFormat})` }).click();
  const file = await started;
  expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}\\.${fileFormat.replace('.', '\\.')}$`));
  return file.path();
}

test('a researcher downloads JSONL, Parquet and gzip files from the export panel, and runs a background export', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ranking = await arrangeProject('ranking', fixture('ranking-items.jsonl'));
  const annotatorApi = await signedIn(ranking.annotator);
  for (
    let task = await nextTask(annotatorApi, ranking.project.id);
    task;
    task = await nextTask(annotatorApi, ranking.project.id)
  ) {
    const answers: Answers = {
      rank: { type: 'ranking', groups: [['m1'], ['m2'], ['m3']] },
      quality: { type: 'rating', values: { m1: 6, m2: 4, m3: 2 } },
    };
    // Written in the file's output ids, sent in the blind ids the task shows.
    await submit(annotatorApi, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: asShown(task, fixtureItems('ranking-items.jsonl').items, answers),
    });
  }
  const api = async (query: string) => {
    const response = await ranking.researcherApi.get(`/api/projects/${ranking.project.id}/export?${query}`);
    expect(response.ok()).toBe(true);
    return response.text();
  };

  await signInQuietly(page, ranking.researcher);
  await page.goto(`/projects/${ranking.project.id}`);

  // JSONL: byte for byte the API's export with the same options, every line a preference pair.
  const jsonlText = readFileSync(await download(page, 'trl-preference', 'jsonl'), 'utf8');
  expect(jsonlText).toBe(await api('format=trl-preference'));
  const jsonlLines = parseJsonl(jsonlText);
  expect(jsonlLines.length).toBeGreaterThan(0);
  for (const line of jsonlLines)
    expect(Object.keys(line as object)).toEqual(expect.arrayContaining(['prompt', 'chosen', 'rejected']));

  // Parquet of the same export: read back, the same records line by line, nested messages included.
  const parquetRecords = await readParquet(await download(page, 'trl-preference', 'parquet'));
  expect(parquetRecords).toEqual(jsonlLines.map((line) => comparable(line)));

  // Another format, gzipped: the unpacked file is the API's export.
  const gzipped = readFileSync(await download(page, 'hh-rlhf', 'jsonl.gz'));
  expect(gunzipSync(gzipped).toString('utf8')).toBe(await api('format=hh-rlhf'));

  // A filter changes the link: only items whose metadata matches (none here), so the file is empty.
  const panel = page.getByRole('region', { name: 'Export', exact: true });
  await panel.getByLabel('Metadata match').fill('source=nowhere');
  const filtered = readFileSync(await download(page, 'rankings', 'jsonl'), 'utf8');
  expect(filtered).toBe('');
  await panel.getByLabel('Metadata match').fill('');

  // A background export: the job appears with progress, then a download link for its file.
  await panel.getByLabel('Format', { exact: true }).selectOption('rankings');
  await panel.getByLabel('File', { exact: true }).selectOption('parquet');
  await panel.getByRole('button', { name: 'Export in the background' }).click();
  const jobs = page.getByRole('list', { name: 'Background exports' });
  const jobLink = jobs.getByRole('link', { name: /Download .*\.rankings\.parquet/ });
  await expect(jobLink).toBeVisible({ timeout: 30_000 });
  const started = page.waitForEvent('download');
  await jobLink.click();
  const jobRecords = await readParquet(await (await started).path());
  expect(jobRecords).toEqual(parseJsonl(await api('format=rankings')).map((line) => comparable(line)));

  // A snapshot of the current options, listed with its files and card.
  await page.getByLabel('Snapshot name').fill('v1');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  const snapshots = page.getByRole('list', { name: 'Saved snapshots' });
  await expect(snapshots.getByText('v1 (cc-by-4.0)')).toBeVisible();
  const card = page.waitForEvent('download');
  await snapshots.getByRole('link', { name: 'v1/README.md' }).click();
  expect(readFileSync(await (await card).path(), 'utf8')).toContain('cc-by-4.0');
});
