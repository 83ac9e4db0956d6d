import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Answers, toConversation } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { arrangeProject, nextTask, parseJsonl, signedIn, submit } from '../support/api.ts';
import { asShown } from '../support/fixtures.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name), 'utf8');
type SourceItem = {
  id: string;
  prompt: string | { role: 'user'; content: string }[];
  outputs?: { id: string; content: string }[];
};
const itemsOf = (jsonl: string) =>
  jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as SourceItem);

/** Chooses the format in the export panel, clicks its download link and returns the file's lines. */
async function download(page: Page, format: string) {
  await page
    .getByRole('region', { name: 'Export', exact: true })
    .getByLabel('Format', { exact: true })
    .selectOption(format);
  const started = page.waitForEvent('download');
  await page.getByRole('link', { name: `Download ${format} (jsonl)` }).click();
  const file = await started;
  expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}\\.jsonl$`));
  const filePath = await file.path();
  return { text: readFileSync(filePath, 'utf8'), lines: parseJsonl(readFileSync(filePath, 'utf8')) };
}

test('a researcher downloads OpenAI chat and TRL preference exports that match what annotators submitted', async ({
  page,
}) => {
  // Six accounts with slow password hashes, two projects, then the UI: a busy machine needs more than a minute.
  test.setTimeout(150_000);
  // Demonstrations: the annotator answers both items through the API.
  const demoJsonl = fixture('demonstration-items.jsonl');
  const demo = await arrangeProject('demonstration', demoJsonl);
  const demoAnnotator = await signedIn(demo.annotator);
  const replies = new Map<string, string>();
  for (
    let task = await nextTask(demoAnnotator, demo.project.id);
    task;
    task = await nextTask(demoAnnotator, demo.project.id)
  ) {
    const text = `Reply to ${task.item.externalId}: "quoted", unicode ✓, newline\nend`;
    replies.set(task.item.externalId, text);
    const answers: Answers = { reply: { type: 'demonstration', text } };
    await submit(demoAnnotator, task.leaseId, { idempotencyKey: crypto.randomUUID(), answers, timeOnTaskMs: 1000 });
  }
  expect(replies.size).toBe(2);

  // Rankings: item capital-fr strictly ordered m1 > m2 > m3; haiku m1 first, m2 and m3 tied.
  const rankJsonl = fixture('ranking-items.jsonl');
  const ranking = await arrangeProject('ranking', rankJsonl);
  const rankAnnotator = await signedIn(ranking.annotator);
  const groupsFor: Record<string, string[][]> = {
    'capital-fr': [['m1'], ['m2'], ['m3']],
    haiku: [['m1'], ['m2', 'm3']],
  };
  for (
    let task = await nextTask(rankAnnotator, ranking.project.id);
    task;
    task = await nextTask(rankAnnotator, ranking.project.id)
  ) {
    const groups = groupsFor[task.item.externalId] ?? [];
    const answers: Answers = {
      rank: { type: 'ranking', groups },
      quality: { type: 'rating', values: { m1: 6, m2: 4, m3: 2 } },
    };
    await submit(rankAnnotator, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: asShown(task, itemsOf(rankJsonl), answers),
    });
  }

  await signInQuietly(page, demo.researcher);
  await page.goto(`/projects/${demo.project.id}`);
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress.getByRole('progressbar', { name: 'Items completed' })).toHaveAttribute(
    'aria-valuetext',
    '2 of 2 items completed',
  );
  const chat = await download(page, 'openai-chat');
  const demoItems = itemsOf(demoJsonl);
  expect(chat.text.endsWith('\n')).toBe(true);
  expect(chat.lines).toHaveLength(2);
  for (const line of chat.lines) {
    const { messages } = line as { messages: { role: string; content: string }[] };
    const reply = messages.at(-1);
    expect(reply?.role).toBe('assistant');
    const item = demoItems.find((i) => replies.get(i.id) === reply?.content);
    expect(item, `no submitted reply matches ${reply?.content}`).toBeDefined();
    expect(messages.slice(0, -1)).toEqual(toConversation((item as SourceItem).prompt));
  }
  // Demonstration projects have no rankings: a preference format is refused, naming the kind it needs.
  const refused = await demo.researcherApi.get(`/api/projects/${demo.project.id}/export?format=trl-preference`);
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.code).toBe('export.format_needs_kind');

  // The ranking project's researcher is someone else: sign in as them.
  await signInQuietly(page, ranking.researcher);
  await page.goto(`/projects/${ranking.project.id}`);
  await snap(page, '09-dashboard-with-progress');
  const preference = await download(page, 'trl-preference');
  const rankItems = itemsOf(rankJsonl);
  const content = (itemId: string, outputId: string) =>
    rankItems.find((i) => i.id === itemId)?.outputs?.find((o) => o.id === outputId)?.content;
  const expected = [
    ['capital-fr', 'm1', 'm2'],
    ['capital-fr', 'm1', 'm3'],
    ['capital-fr', 'm2', 'm3'],
    ['haiku', 'm1', 'm2'],
    ['haiku', 'm1', 'm3'],
  ].map(([itemId = '', chosen = '', rejected = '']) => {
    const item = rankItems.find((i) => i.id === itemId) as SourceItem;
    return {
      prompt: toConversation(item.prompt),
      chosen: [{ role: 'assistant', content: content(itemId, chosen) }],
      rejected: [{ role: 'assistant', content: content(itemId, rejected) }],
    };
  });
  // Line order across items is the server's business; each line must be exactly one expected pair (the server may
  // add fields such as margins and scores where ratings exist).
  expect(preference.lines).toHaveLength(expected.length);
  expect(preference.lines).toEqual(expect.arrayContaining(expected.map((line) => expect.objectContaining(line))));
  // SFT lines from a ranking project take the best-ranked output of each item.
  const best = [content('capital-fr', 'm1'), content('haiku', 'm1')];
  for (const line of (await download(page, 'openai-chat')).lines) {
    const { messages } = line as { messages: { role: string; content: string }[] };
    expect(best).toContain(messages.at(-1)?.content);
  }
});
