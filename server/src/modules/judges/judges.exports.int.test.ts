import { exportJudgeLineSchema, exportLineSchemas } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextTask, type Person, submitTask } from '../../test/annotating.ts';
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from '../../test/openai-compatible-server.ts';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { exportLines, requestExport } from '../exports/exports.fixtures.ts';
import { PAIRWISE_SETTINGS, pairwiseJudge, pairwiseLine, settledJob } from './judges.fixtures.ts';

/**
 * Judge answers in exports: only the raw format with `includeJudges` carries them, as lines of their own marked
 * `annotator: { kind: 'judge' }`; without the flag, and in every preference format, the lines are the humans' alone.
 */
let h: TestHarness;
let model: OpenAICompatibleServer;
let researcher: Person;
let projectId: string;
let judgeId: string;
let annotators: Person[];

beforeAll(async () => {
  h = await buildTestApp({ ownDatabase: true, judgeTiming: { backoffMs: 20, progressEveryMs: 0 } });
  model = await startOpenAICompatibleServer();
  const admin = await h.user('admin');
  researcher = await h.user('researcher');
  const adminUser = (await h.services.auth.findUserByEmail(admin.email)) as SessionUser;
  const [workspace] = await h.services.workspaces.list(adminUser);
  const connection = await h.services.models.create(adminUser, {
    workspaceId: workspace?.id,
    name: 'Judge connection',
    baseUrl: model.url,
    model: 'judge-model',
  });
  const project = await h.project(researcher, { kind: 'ranking', settings: PAIRWISE_SETTINGS });
  projectId = project.id;
  expect((await h.importItems(researcher, projectId, [pairwiseLine('i0'), pairwiseLine('i1')])).statusCode).toBe(200);
  const judge = await h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/judges`,
    headers: researcher.headers,
    payload: { name: 'Judge A', connectionId: connection.id },
  });
  judgeId = judge.json().id;
  // The judge prefers o1 everywhere; both humans prefer o0.
  model.behave(pairwiseJudge(() => 1));
  const job = await h.app.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/judge-jobs`,
    headers: researcher.headers,
    payload: { judgeIds: [judgeId] },
  });
  await settledJob(h, researcher, projectId, job.json());
  annotators = [await h.user('annotator'), await h.user('annotator')];
  for (const person of annotators) {
    await h.addMember(researcher, projectId, person);
    for (let task = await nextTask(h, person, projectId); task; task = await nextTask(h, person, projectId)) {
      const response = await submitTask(h, person, task, {
        pair: { type: 'pairwise', verdict: 'preferred', preferred: 'o0', strength: 'better' },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
  }
}, 240_000);
afterAll(async () => {
  await h.close();
  await model.close();
});

describe('judge answers in exports', () => {
  it('leaves them out of the raw export unless asked for', async () => {
    const lines = await exportLines(h, researcher, projectId, { format: 'raw' });
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(exportLineSchemas.raw.safeParse(line).success).toBe(true);
      expect(typeof line.annotator).toBe('string');
      expect((line.answers as { pair: { preferred: string } }).pair.preferred).toBe('o0');
    }
  });

  it('adds one line per judge answer after each item, marked as the judge and its model', async () => {
    const lines = await exportLines(h, researcher, projectId, { format: 'raw', includeJudges: true });
    const answers = (
      await h.app.inject({
        method: 'GET',
        url: `/api/projects/${projectId}/judges/${judgeId}/answers`,
        headers: researcher.headers,
      })
    ).json().answers as { itemId: string; displayOrder: string[]; answeredAt: string; latencyMs: number }[];
    const items = (
      await h.app.inject({
        method: 'GET',
        url: `/api/projects/${projectId}/items?limit=10`,
        headers: researcher.headers,
      })
    ).json().items as { id: string; externalId: string }[];
    const answerOf = (externalId: string) => {
      const itemId = items.find((i) => i.externalId === externalId)?.id;
      const answer = answers.find((a) => a.itemId === itemId);
      if (!answer) throw new Error(`no judge answer for ${externalId}`);
      return answer;
    };
    // Line by line: per item, the two humans' lines, then the judge's.
    expect(lines.map((l) => [l.item_id, typeof l.annotator === 'string' ? 'human' : 'judge'])).toEqual([
      ['i0', 'human'],
      ['i0', 'human'],
      ['i0', 'judge'],
      ['i1', 'human'],
      ['i1', 'human'],
      ['i1', 'judge'],
    ]);
    for (const externalId of ['i0', 'i1']) {
      const judgeLine = lines.find((l) => l.item_id === externalId && typeof l.annotator !== 'string');
      const answer = answerOf(externalId);
      expect(judgeLine).toEqual({
        item_id: externalId,
        annotator: { kind: 'judge', judge_id: judgeId, name: 'Judge A', model: 'judge-model' },
        prompt: [{ role: 'user', content: `Prompt ${externalId}` }],
        outputs: [0, 1].map((k) => ({ id: `o${k}`, model: `m${k}`, content: `Output ${k} for ${externalId}` })),
        metadata: {},
        answers: { pair: { type: 'pairwise', verdict: 'preferred', preferred: 'o1', strength: 'better' } },
        display_order: answer.displayOrder,
        template_version: 1,
        answered_at: answer.answeredAt,
        latency_ms: answer.latencyMs,
      });
      expect(exportJudgeLineSchema.safeParse(judgeLine).success).toBe(true);
      // Not a human raw line: a reader checking the raw schema can tell them apart.
      expect(exportLineSchemas.raw.safeParse(judgeLine).success).toBe(false);
    }
    // The human lines are the same as without the flag.
    const plain = await exportLines(h, researcher, projectId, { format: 'raw' });
    expect(lines.filter((l) => typeof l.annotator === 'string')).toEqual(plain);
    // The summary before the download counts what the file holds, judge lines included.
    const summary = async (query: string) =>
      (
        await h.app.inject({
          url: `/api/projects/${projectId}/export/summary?format=raw${query}`,
          headers: researcher.headers,
        })
      ).json();
    expect((await summary('&includeJudges=true')).lines).toBe(lines.length);
    expect((await summary('')).lines).toBe(plain.length);
    expect(lines.length).toBeGreaterThan(plain.length);
  });

  it('never mixes judge answers into preference pairs: only raw JSON Lines take the flag', async () => {
    const pairs = await exportLines(h, researcher, projectId, { format: 'trl-preference' });
    // Two humans x two items, each preferring o0: the judge's o1 preference appears nowhere.
    expect(pairs).toHaveLength(4);
    for (const pair of pairs) expect(JSON.stringify(pair.chosen)).toContain('Output 0');
    for (const query of [
      { format: 'trl-preference', includeJudges: true, fileFormat: 'jsonl' },
      { format: 'raw', includeJudges: true, fileFormat: 'parquet' },
    ]) {
      const refused = await requestExport(h, researcher, projectId, query);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({
        code: 'export.judges_need_raw',
        details: { field: 'includeJudges' },
      });
    }
  });
});

describe("a judge's drill-down", () => {
  it('lists the items it disagrees with the humans on, with its answer and each human answer as shown', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/judges/${judgeId}/disagreements`,
      headers: researcher.headers,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.judge).toEqual({ id: judgeId, name: 'Judge A' });
    expect(body.truncated).toBe(false);
    expect(body.items.map((i: { itemExternalId: string }) => i.itemExternalId)).toEqual(['i0', 'i1']);
    for (const item of body.items) {
      // The judge prefers o1, both humans o0: full disagreement on the only question.
      expect(item.disagreement).toBeGreaterThan(0);
      expect(item.judge.answers.pair.preferred).toBe('o1');
      expect(item.humans).toHaveLength(2);
      expect(item.humans.map((h: { annotatorEmail: string }) => h.annotatorEmail).sort()).toEqual(
        annotators.map((a) => a.email).sort(),
      );
      for (const human of item.humans) {
        expect(human.answers.pair.preferred).toBe('o0');
        expect([...human.displayOrder].sort()).toEqual(['o0', 'o1']);
      }
    }
    // Unknown judge: 404; an annotator: refused.
    const unknown = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/judges/00000000-0000-4000-8000-000000000000/disagreements`,
      headers: researcher.headers,
    });
    expect(unknown.statusCode).toBe(404);
    const annotator = annotators[0] as Person;
    const refused = await h.app.inject({
      method: 'GET',
      url: `/api/projects/${projectId}/judges/${judgeId}/disagreements`,
      headers: annotator.headers,
    });
    expect(refused.statusCode).toBe(403);
  });
});
