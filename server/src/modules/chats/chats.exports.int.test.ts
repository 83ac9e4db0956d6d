import { type ChatSession, type ExportFormat, exportLineSchemas } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import { exportLines, requestExport } from '../exports/exports.fixtures.ts';
import {
  type ChatWorld,
  chatProject,
  chatTask,
  chatWorld,
  completeTurn,
  MODEL_NAMES,
  openChat,
  postTurn,
  turnAnswers,
} from './chats.fixtures.ts';

/**
 * Exports of live chats, line by line: one conversation of two turns (a regenerated candidate and an edit in turn 1,
 * the other candidate chosen in turn 2), then every preference format, SFT, raw with provenance and the message tree.
 */
let h: TestHarness;
let world: ChatWorld;
let projectId: string;
let session: ChatSession;
const EDIT = 'Otters hold hands while they sleep, so they do not drift apart.';

beforeAll(async () => {
  h = await buildTestApp();
  world = await chatWorld(h);
  const project = await chatProject(h, world, { systemPrompt: 'Be kind.' });
  projectId = project.id;
  const { annotator, task } = await chatTask(h, world, project.id);
  await postTurn(h, annotator, task.leaseId, 'Tell me about otters');
  let open = await openChat(h, annotator, task.leaseId);
  const regenerated = open.turns[0]?.candidates[0]?.id;
  await h.app.inject({
    method: 'POST',
    url: `/api/leases/${task.leaseId}/chat/candidates/${regenerated}/regenerate`,
    headers: annotator.headers,
  });
  open = await openChat(h, annotator, task.leaseId);
  const ids1 = open.turns[0]?.candidates.map((c) => c.id) as string[];
  const first = await completeTurn(h, annotator, task.leaseId, 1, {
    answers: turnAnswers(ids1, ids1[1] as string),
    chosenId: ids1[1] as string,
    editedText: EDIT,
  });
  if (first.statusCode !== 200) throw new Error(first.body);
  await postTurn(h, annotator, task.leaseId, 'And sea otters?');
  open = await openChat(h, annotator, task.leaseId);
  const ids2 = open.turns[1]?.candidates.map((c) => c.id) as string[];
  await completeTurn(h, annotator, task.leaseId, 2, {
    answers: turnAnswers(ids2, ids2[0] as string),
    chosenId: ids2[0] as string,
  });
  const submitted = await h.app.inject({
    method: 'POST',
    url: `/api/leases/${task.leaseId}/submit`,
    headers: annotator.headers,
    payload: { idempotencyKey: crypto.randomUUID(), answers: {} },
  });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  session = await openChat(h, annotator, task.leaseId);
  // PGlite opens and migrates its own database per file: slow on a loaded machine.
}, 240_000);
afterAll(async () => {
  await world?.model.close();
  await h.close();
});

const turn = (n: number) => session.turns[n - 1] as ChatSession['turns'][number];
const text = (n: number, id: string) => turn(n).candidates.find((c) => c.id === id)?.content as string;
const chosenOf = (n: number) => text(n, turn(n).chosenId as string);
const rejectedOf = (n: number) => turn(n).candidates.find((c) => c.id !== turn(n).chosenId)?.content as string;
const prompt1 = [
  { role: 'system', content: 'Be kind.' },
  { role: 'user', content: 'Tell me about otters' },
];
const prompt2 = [...prompt1, { role: 'assistant', content: EDIT }, { role: 'user', content: 'And sea otters?' }];

type LineOf<F extends ExportFormat> = z.infer<(typeof exportLineSchemas)[F]>;

/** The export's lines, each checked against its format's exact schema (and typed by it). */
async function lines<F extends ExportFormat>(format: F): Promise<LineOf<F>[]> {
  const parsed = await exportLines(h, world.researcher, projectId, { format });
  return parsed.map((line) => {
    const checked = exportLineSchemas[format].safeParse(line);
    expect(checked.error?.issues ?? []).toEqual([]);
    return checked.data as LineOf<F>;
  });
}

describe('chat exports', () => {
  it('writes one TRL preference pair per turn, the prefix (with the edited reply) as prompt', async () => {
    expect(await lines('trl-preference')).toEqual([
      {
        prompt: prompt1,
        chosen: [{ role: 'assistant', content: chosenOf(1) }],
        rejected: [{ role: 'assistant', content: rejectedOf(1) }],
      },
      {
        prompt: prompt2,
        chosen: [{ role: 'assistant', content: chosenOf(2) }],
        rejected: [{ role: 'assistant', content: rejectedOf(2) }],
      },
    ]);
  });

  it('writes the same pairs as HH-RLHF transcripts and OpenAI DPO lines', async () => {
    const transcript = (prompt: { role: string; content: string }[], reply: string) =>
      `${prompt.map((m) => `\n\n${{ system: 'System', user: 'Human', assistant: 'Assistant' }[m.role]}: ${m.content}`).join('')}\n\nAssistant: ${reply}`;
    expect(await lines('hh-rlhf')).toEqual([
      { chosen: transcript(prompt1, chosenOf(1)), rejected: transcript(prompt1, rejectedOf(1)) },
      { chosen: transcript(prompt2, chosenOf(2)), rejected: transcript(prompt2, rejectedOf(2)) },
    ]);
    expect(await lines('openai-dpo')).toEqual([
      {
        input: { messages: prompt1 },
        preferred_output: [{ role: 'assistant', content: chosenOf(1) }],
        non_preferred_output: [{ role: 'assistant', content: rejectedOf(1) }],
      },
      {
        input: { messages: prompt2 },
        preferred_output: [{ role: 'assistant', content: chosenOf(2) }],
        non_preferred_output: [{ role: 'assistant', content: rejectedOf(2) }],
      },
    ]);
    expect((await lines('trl-kto')).map((l) => l.label)).toEqual([true, false, true, false]);
  });

  it('writes SFT lines from the edited reply, else the chosen one', async () => {
    expect(await lines('trl-sft')).toEqual([
      { prompt: prompt1, completion: [{ role: 'assistant', content: EDIT }] },
      { prompt: prompt2, completion: [{ role: 'assistant', content: chosenOf(2) }] },
    ]);
    expect(await lines('openai-chat')).toEqual([
      { messages: [...prompt1, { role: 'assistant', content: EDIT }] },
      { messages: [...prompt2, { role: 'assistant', content: chosenOf(2) }] },
    ]);
  });

  it('writes raw lines per turn with each candidate provenance, the chosen reply and the edit with its diff', async () => {
    const raw = await lines('raw');
    expect(raw).toHaveLength(2);
    const [one, two] = raw as [LineOf<'raw'>, LineOf<'raw'>];
    expect(one.prompt).toEqual(prompt1);
    expect(one.display_order).toEqual(turn(1).candidates.map((c) => c.id));
    expect(one.chat).toMatchObject({ turn: 1, chosen_id: turn(1).chosenId, system_prompt: 'Be kind.' });
    expect(one.chat?.edit?.text).toBe(EDIT);
    expect(
      one.chat?.edit?.diff
        .filter((p) => p.op !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(EDIT);
    expect(two.chat?.edit).toBeNull();
    for (const line of raw) {
      for (const output of line.outputs) {
        expect(MODEL_NAMES).toContain(output.model);
        const slot = MODEL_NAMES.indexOf(output.model as (typeof MODEL_NAMES)[number]);
        expect(output.provenance).toMatchObject({
          model: output.model,
          connection_id: world.connections[slot]?.id,
          finish_reason: 'stop',
          params: { seed: 11 + slot },
          usage: { completion_tokens: expect.any(Number) },
          latency_ms: expect.any(Number),
        });
      }
    }
  });

  it("writes the conversation as Open-Assistant's message tree with ranks per sibling and kept regenerations", async () => {
    const [tree] = await lines('oasst-message-tree');
    expect(tree?.tree_state).toBe('ready_for_export');
    expect(tree?.message_tree_id).toBe(session.id);
    expect(tree?.system_prompt).toBe('Be kind.');
    expect(tree?.models.map((m) => m.model)).toEqual([...MODEL_NAMES]);
    const root = tree?.prompt;
    expect(root).toMatchObject({ role: 'prompter', text: 'Tell me about otters', synthetic: false, parent_id: null });
    // Turn 1: two shown candidates ranked 0 and 1, the regenerated one unranked, and the edit.
    const replies = root?.replies ?? [];
    expect(replies).toHaveLength(4);
    const shown = replies.filter((r) => r.source === 'model' && !r.regenerated);
    expect(shown.map((r) => r.rank).sort()).toEqual([0, 1]);
    for (const r of shown) {
      expect(r.role).toBe('assistant');
      expect(r.synthetic).toBe(true);
      expect(MODEL_NAMES).toContain(r.model_name);
      expect(r.provenance?.model).toBe(r.model_name);
    }
    expect(shown.find((r) => r.rank === 0)?.message_id).toBe(turn(1).chosenId);
    expect(replies.filter((r) => r.regenerated)).toHaveLength(1);
    const edit = replies.find((r) => r.source === 'edit');
    expect(edit).toMatchObject({
      text: EDIT,
      synthetic: false,
      rank: null,
      chosen: true,
      edited_from: turn(1).chosenId,
    });
    // Turn 2 continues under the edit.
    expect(edit?.replies).toHaveLength(1);
    expect(edit?.replies[0]).toMatchObject({ role: 'prompter', text: 'And sea otters?' });
    const second = edit?.replies[0]?.replies ?? [];
    expect(second.map((r) => r.rank).sort()).toEqual([0, 1]);
    expect(second.find((r) => r.rank === 0)).toMatchObject({ message_id: turn(2).chosenId, chosen: true });
  });

  it('lists the models and parameters used in the summary and the dataset card', async () => {
    const summary = await h.app.inject({
      url: `/api/projects/${projectId}/export/summary?format=trl-preference`,
      headers: world.researcher.headers,
    });
    expect(summary.statusCode, summary.body).toBe(200);
    const models = summary.json().models as { model: string; params: { seed: number }; outputs: number }[];
    expect(models.map((m) => m.model).sort()).toEqual([...MODEL_NAMES]);
    expect(models.map((m) => m.params.seed).sort()).toEqual([11, 12]);
    expect(models.reduce((sum, m) => sum + m.outputs, 0)).toBe(4);
    const snapshot = await h.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/snapshots`,
      headers: world.researcher.headers,
      payload: { name: 'chat-v1', format: 'trl-preference' },
    });
    expect(snapshot.statusCode, snapshot.body).toBe(201);
    const detail = await h.app.inject({
      url: `/api/projects/${projectId}/snapshots/${snapshot.json().id}`,
      headers: world.researcher.headers,
    });
    const card = detail.json().card as string;
    expect(card).toContain('## Models');
    for (const name of MODEL_NAMES) expect(card).toContain(`| ${name} |`);
    expect(card).toContain('"seed":11');
  });

  it('refuses the message tree for a ranking project, naming the kinds', async () => {
    const ranking = await h.project(world.researcher, { kind: 'ranking' });
    const response = await requestExport(h, world.researcher, ranking.id, { format: 'oasst-message-tree' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('chat');
  });
});
