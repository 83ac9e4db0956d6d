import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestHarness } from '../../../test/test-app.ts';
import { exportLines } from '../../exports/exports.fixtures.ts';
import { itemIdFor } from './converted-line.ts';
import { splitTranscripts } from './hh-rlhf.ts';

// The shared datasets folder sits beside the clone (../shared in CI, /work/shared here).
const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..');
const dataset = path.resolve(repoRoot, '..', 'shared', 'datasets', 'hh-rlhf', 'harmless-base-test.jsonl.gz');
const present = existsSync(dataset);
if (!present) console.warn(`hh-rlhf round trip skipped: ${dataset} is absent`);

let h: TestHarness;
beforeAll(async () => {
  if (present) h = await buildTestApp();
});
afterAll(() => h?.close());

describe.skipIf(!present)('hh-rlhf round trip on harmless-base-test (2,312 real pairs)', () => {
  it('imports every pair, annotated with the original choice exports the same pairs back', async () => {
    const text = gunzipSync(readFileSync(dataset)).toString('utf8');
    const source = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { chosen: string; rejected: string });
    expect(source).toHaveLength(2312);

    const researcher = await h.user('researcher');
    const project = await h.project(researcher, {
      name: 'HH round trip',
      kind: 'ranking',
      settings: {
        overlapTarget: 1,
        leaseMinutes: 30,
        ordering: 'import-order',
        questions: [{ id: 'rank', type: 'ranking', label: 'Rank', required: true, allowTies: false }],
      },
    });
    const imported = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/imports?format=hh-rlhf`,
      headers: { ...researcher.headers, 'content-type': 'application/x-ndjson' },
      payload: text,
    });
    expect(imported.json()).toEqual({ lines: 2312, created: 2312, existing: 0 });

    // The original choice per item, worked out from the source file (not from the stored reference).
    const chosenReplyById = new Map<string, string>();
    for (const line of source) {
      const split = splitTranscripts(line.chosen, line.rejected);
      if ('message' in split) throw new Error(split.message);
      chosenReplyById.set(itemIdFor(line, 'hh', [line.chosen, line.rejected]).id, split.chosenReply);
    }
    const annotator = await h.user('annotator');
    await h.addMember(researcher, project.id, annotator);
    const user = { ...annotator, createdAt: new Date(annotator.createdAt) };
    for (;;) {
      const task = await h.services.annotations.nextTask(user, project.id);
      if (!task) break;
      const reply = chosenReplyById.get(task.item.externalId);
      const chosen = task.outputs.find((o) => o.content === reply)?.id as string;
      const rejected = task.outputs.find((o) => o.id !== chosen)?.id as string;
      await h.services.annotations.submit(user, task.leaseId, {
        idempotencyKey: randomUUID(),
        answers: { rank: { type: 'ranking', groups: [[chosen], [rejected]] } },
      });
    }

    const exported = (await exportLines(h, researcher, project.id, { format: 'hh-rlhf' })) as {
      chosen: string;
      rejected: string;
    }[];
    expect(exported).toHaveLength(2312);
    const exact = exported.filter(
      (line, i) => line.chosen === source[i]?.chosen && line.rejected === source[i]?.rejected,
    );
    console.log(`hh-rlhf round trip: ${exact.length} of ${source.length} pairs byte-for-byte identical`);
    expect(exact.length).toBe(2312);

    // Our annotator agrees with every reference label.
    const rankings = await exportLines(h, researcher, project.id, { format: 'rankings' });
    const agreeing = rankings.filter((r) => {
      const reference = r.reference as { groups: string[][] };
      const top = (r.outputs as { id: string; rank: number }[]).find((o) => o.rank === 1)?.id;
      return reference.groups[0]?.[0] === top;
    });
    expect(agreeing).toHaveLength(2312);
  }, 600_000);
});
