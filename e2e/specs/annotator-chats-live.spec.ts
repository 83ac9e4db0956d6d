import { exportLineSchemas } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { deterministicReply } from '../../server/src/test/openai-compatible-server.ts';
import { addMember, createAccount, exportLines, importJsonl, signedIn } from '../support/api.ts';
import { createChatProjectInUi } from '../support/chat-setup.ts';
import { ADMIN } from '../support/env.ts';
import { connectModels, defaultWorkspaceId, modelServerForThisFile } from '../support/model-server.ts';
import { signInQuietly } from '../support/ui.ts';

/**
 * A live chat, end to end: an admin sets up a chat project with two candidate models in the web UI; an annotator
 * streams candidates, ranks, chooses, edits and continues for three turns, reloads in the middle of a stream (the
 * text received so far stays, marked cut off, and is regenerated), submits; the export's pairs and the message tree
 * are checked line by line. The page also measures the streaming latency Feedbench adds (first token in the browser
 * minus first token at the server), printed at the end.
 */
const modelServer = modelServerForThisFile();

const SEEDS = [101, 202];
const MESSAGES = ['What do otters eat?', 'And where do they sleep?', 'Thank you!'];
const EDIT = 'Otters eat fish, crabs and sea urchins.';
const replyTo = (content: string, seed: number) =>
  deterministicReply({ messages: [{ role: 'user', content }], seed }, 0, null);

/** The first-token marks the chat page records: browser receipt minus server receipt, per candidate. */
async function firstTokenGaps(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByName('feedbench:chat-first-token')
      .map((entry) => (entry as PerformanceMark).detail as { serverAt: number; browserAt: number })
      .map((d) => d.browserAt - d.serverAt),
  );
}

async function waitForCandidates(page: Page, state: string) {
  for (const label of ['A', 'B']) {
    await expect(page.getByRole('article', { name: `Reply ${label}` })).toHaveAttribute('data-state', state, {
      timeout: 20_000,
    });
  }
}

/** Ranks A over B (or B over A), chooses the best, optionally edits it, and saves the turn. */
async function answerTurn(page: Page, best: 'A' | 'B', edit?: string) {
  const other = best === 'A' ? 'B' : 'A';
  const board = page.getByRole('region', { name: 'Rank the outputs, best first' });
  await board.getByRole('button', { name: `Output ${best}, unranked` }).focus();
  await page.keyboard.press('1');
  await board.getByRole('button', { name: `Output ${other}, unranked` }).focus();
  await page.keyboard.press('2');
  await page
    .getByRole('article', { name: `Reply ${best}` })
    .getByRole('radio', { name: 'Continue with this reply' })
    .check();
  if (edit) await page.getByLabel(/^Edit the chosen reply/).fill(edit);
  await page.getByRole('button', { name: 'Save this turn' }).click();
  await expect(page.getByRole('button', { name: 'Save this turn' })).toHaveCount(0);
}

async function send(page: Page, message: string) {
  await page.getByLabel('Your message').fill(message);
  await page.getByRole('button', { name: 'Send' }).click();
}

test('an annotator chats live for three turns, survives a reload mid-stream, submits, and the export holds it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const admin = await signedIn(ADMIN);
  const model = modelServer();
  const workspaceId = await defaultWorkspaceId(admin);
  const connections = await connectModels(admin, workspaceId, model, SEEDS, 'e2e-secret-model');

  // The researcher's setup, in the UI: kind chat, two candidate slots.
  await signInQuietly(page, ADMIN);
  const projectId = await createChatProjectInUi(page, {
    name: `Live chat ${Date.now().toString(36)}`,
    workspaceId,
    connectionIds: connections.map((c) => c.id),
    turns: 3,
  });
  await importJsonl(admin, projectId, `${JSON.stringify({ id: 'starter-1', prompt: [] })}\n`);
  const annotator = await createAccount('annotator', 'chatter');
  await addMember(admin, projectId, annotator.email, 'annotator');

  await page.context().clearCookies();
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${projectId}/annotate`);
  const gaps: number[] = [];

  // Turn 1: stream, rank A first, edit it, continue.
  model.behave({ kind: 'reply', perTokenMs: 40 });
  await send(page, MESSAGES[0] as string);
  await waitForCandidates(page, 'done');
  const turn1 = [
    replyTo(MESSAGES[0] as string, SEEDS[0] as number),
    replyTo(MESSAGES[0] as string, SEEDS[1] as number),
  ];
  const shownA = (
    await page.getByRole('article', { name: 'Reply A' }).locator('.chat-candidate-text').textContent()
  )?.trim();
  expect(turn1).toContain(shownA ?? '');
  // Blind: nothing on the page names a model or a connection.
  const body = (await page.locator('body').textContent()) ?? '';
  for (const c of connections) {
    expect(body).not.toContain(c.model);
    expect(body).not.toContain(c.name);
  }
  await answerTurn(page, 'A', EDIT);
  await expect(page.getByRole('region', { name: 'Conversation so far' })).toContainText(EDIT);
  gaps.push(...(await firstTokenGaps(page)));

  // Turn 2: reload while the candidates stream; what arrived stays, marked cut off; regenerate both.
  model.behave({ kind: 'reply', perTokenMs: 400 });
  await send(page, MESSAGES[1] as string);
  await expect(page.getByRole('article', { name: 'Reply A' }).locator('.chat-candidate-text')).not.toBeEmpty();
  await page.reload();
  await waitForCandidates(page, 'interrupted');
  await expect(page.getByRole('article', { name: 'Reply A' })).toContainText('Cut off when the page closed');
  await expect(page.getByRole('article', { name: 'Reply A' }).getByRole('radio')).toHaveCount(0);
  model.behave({ kind: 'reply', perTokenMs: 40 });
  for (const label of ['A', 'B']) {
    await page
      .getByRole('article', { name: `Reply ${label}` })
      .getByRole('button', { name: 'Regenerate' })
      .click();
    await expect(page.getByRole('article', { name: `Reply ${label}` })).toHaveAttribute('data-state', 'done', {
      timeout: 20_000,
    });
  }
  await answerTurn(page, 'B');
  gaps.push(...(await firstTokenGaps(page)));

  // Turn 3, then the turn limit: submit.
  await send(page, MESSAGES[2] as string);
  await waitForCandidates(page, 'done');
  await answerTurn(page, 'A');
  gaps.push(...(await firstTokenGaps(page)));
  await expect(page.getByText('This conversation reached its turn limit: submit it.')).toBeVisible();
  await page.getByRole('button', { name: 'Submit conversation' }).click();
  await expect(page.getByText(/Conversation submitted|No conversation is waiting/)).toBeVisible();

  // The export, line by line: one pair per turn with the conversation so far (the edited reply) as prompt.
  const pairs = (await exportLines(admin, projectId, 'trl-preference')) as {
    prompt: { role: string; content: string }[];
    chosen: { content: string }[];
    rejected: { content: string }[];
  }[];
  expect(pairs).toHaveLength(3);
  for (const line of pairs) expect(exportLineSchemas['trl-preference'].safeParse(line).success).toBe(true);
  const replies = MESSAGES.map((m) => SEEDS.map((seed) => replyTo(m, seed)));
  expect(pairs[0]?.prompt).toEqual([{ role: 'user', content: MESSAGES[0] }]);
  expect(pairs[1]?.prompt).toEqual([
    { role: 'user', content: MESSAGES[0] },
    { role: 'assistant', content: EDIT },
    { role: 'user', content: MESSAGES[1] },
  ]);
  pairs.forEach((line, turn) => {
    expect([line.chosen[0]?.content, line.rejected[0]?.content].sort()).toEqual([...(replies[turn] ?? [])].sort());
  });
  expect(pairs[0]?.chosen[0]?.content).toBe(shownA);
  expect(pairs[2]?.prompt.slice(0, 4)).toEqual([
    { role: 'user', content: MESSAGES[0] },
    { role: 'assistant', content: EDIT },
    { role: 'user', content: MESSAGES[1] },
    { role: 'assistant', content: pairs[1]?.chosen[0]?.content },
  ]);

  type Node = {
    text: string;
    role: string;
    source: string;
    rank: number | null;
    regenerated: boolean;
    chosen: boolean;
    model_name: string | null;
    replies: Node[];
  };
  const trees = (await exportLines(admin, projectId, 'oasst-message-tree')) as { prompt: Node }[];
  expect(trees).toHaveLength(1);
  expect(exportLineSchemas['oasst-message-tree'].safeParse(trees[0]).success).toBe(true);
  const root = trees[0]?.prompt as Node;
  expect(root).toMatchObject({ role: 'prompter', text: MESSAGES[0] });
  const edit = root.replies.find((n) => n.source === 'edit') as Node;
  expect(edit).toMatchObject({ text: EDIT, chosen: true, rank: null });
  expect(
    root.replies
      .filter((n) => n.source === 'model')
      .map((n) => n.rank)
      .sort(),
  ).toEqual([0, 1]);
  expect(
    root.replies
      .filter((n) => n.source === 'model')
      .map((n) => n.model_name)
      .sort(),
  ).toEqual(connections.map((c) => c.model).sort());
  const second = edit.replies[0] as Node;
  expect(second).toMatchObject({ role: 'prompter', text: MESSAGES[1] });
  // The cut-off candidates stay in the tree as regenerated siblings.
  expect(second.replies.filter((n) => n.regenerated)).toHaveLength(2);
  const chosen2 = second.replies.find((n) => n.chosen) as Node;
  expect(chosen2.rank).toBe(0);
  expect(chosen2.replies[0]).toMatchObject({ role: 'prompter', text: MESSAGES[2] });

  // Streaming latency Feedbench adds: first token at the browser minus first token at the server.
  expect(gaps.length).toBeGreaterThanOrEqual(4);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  console.log(
    `chat first-token latency added by Feedbench (browser - server), ${gaps.length} candidates: median ${median} ms, max ${sorted.at(-1)} ms (shared, loaded machine)`,
  );
});
