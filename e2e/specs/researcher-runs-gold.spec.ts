import { expect, type Page, test } from '@playwright/test';
import { arrangeProject, nextTask, signedIn, submit } from '../support/api.ts';
import { signInQuietly, snap } from '../support/ui.ts';

/** Eight prompts to label by topic: two become gold, six stay regular. */
const jsonl = Array.from({ length: 8 }, (_, i) =>
  JSON.stringify({ id: `prompt-${i}`, prompt: `Question number ${i}: how do I sort a list in Python?` }),
).join('\n');

const TOPIC = {
  id: 'topic',
  label: 'Topic',
  type: 'classification',
  options: [
    { id: 'code', label: 'Code' },
    { id: 'math', label: 'Math' },
    { id: 'chat', label: 'Chat' },
  ],
};

/** Answers every task with "Math" until the paused notice shows (gold items say "Code", so every gold answer is wrong). */
async function annotateUntilPaused(page: Page) {
  const paused = page.getByRole('heading', { name: 'Your work on this project is paused' });
  for (let i = 0; i < 30; i++) {
    const math = page.getByRole('radio', { name: 'Math' });
    const noMore = page.getByRole('heading', { name: /No more items/ });
    await expect(paused.or(math).or(noMore)).toBeVisible();
    if (await paused.isVisible()) return;
    if (await noMore.isVisible()) {
      await page.getByRole('button', { name: 'Check again' }).click();
      continue;
    }
    await math.check();
    const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && /\/submit$/.test(r.url()));
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    // The page shows the prepared next item before the server answers; an answer without a next task means that
    // answer paused the annotator, and the page asks again (the notice).
    const answer = (await (await submitted).json()) as { next?: unknown };
    if (!('next' in answer)) {
      await expect(paused).toBeVisible();
      return;
    }
    // The next item (nothing ticked), or no more items.
    await expect(noMore.or(page.getByRole('radio', { name: 'Math', checked: false }))).toBeVisible();
  }
  throw new Error('the annotator was never paused');
}

test('a researcher marks gold and sets the rate; an annotator answering gold wrongly is paused, sees why, and is resumed', async ({
  page,
  browser,
}) => {
  // Two people's sessions and up to a dozen submits: longer than one annotator's usual journey.
  test.setTimeout(180_000);
  const { researcher, annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl);
  const patched = await researcherApi.patch(`/api/projects/${project.id}`, { data: { questions: [TOPIC] } });
  expect(patched.ok(), await patched.text()).toBe(true);
  // The researcher labels two prompts "Code" (through the API): the references the Gold page offers.
  const labelled: string[] = [];
  for (let i = 0; i < 2; i++) {
    const task = await nextTask(researcherApi, project.id);
    if (!task) throw new Error('no task for the researcher');
    labelled.push(task.item.externalId);
    await submit(researcherApi, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: { topic: { type: 'classification', selected: ['code'] } },
    });
  }

  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Gold', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Gold items', level: 1 })).toBeVisible();
  const candidates = page.getByRole('region', { name: 'Use an annotation as gold' });
  // The server finds the candidates (a project may hold a million items): by exact id, by prompt text, or none.
  const find = async (search: string) => {
    await candidates.getByLabel('Find an item').fill(search);
    await candidates.getByRole('button', { name: 'Find', exact: true }).click();
  };
  await find('no prompt says this');
  await expect(candidates).toContainText('No annotation on a non-gold item matches “no prompt says this”.');
  for (let i = 0; i < 2; i++) {
    await find(labelled[i] as string);
    await expect(candidates.getByRole('button', { name: /^Use as gold: the annotation of / })).toHaveCount(1);
    await candidates.getByRole('button', { name: `Use as gold: the annotation of ${labelled[i]}` }).click();
    await expect(page.getByRole('heading', { name: `Gold items (${i + 1})` })).toBeVisible();
    // Gold now: no longer a candidate.
    await expect(candidates).toContainText(`matches “${labelled[i]}”`);
  }
  await find('Question number');
  await expect(candidates).toContainText('No annotation on a non-gold item matches');
  await expect(page.getByRole('region', { name: /Gold items \(2\)/ })).toContainText('topic: code');
  await page.getByLabel('Gold rate (% of tasks served)').fill('50');
  await page.getByLabel('Minimum accuracy (%)').fill('50');
  await page.getByLabel('Gold answers before judging').fill('2');
  await page.getByLabel(/Pause annotators automatically/).check();
  await page.getByRole('button', { name: 'Save gold settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  const annotatorContext = await browser.newContext();
  const annotatorPage = await annotatorContext.newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  await annotateUntilPaused(annotatorPage);
  await expect(annotatorPage.getByRole('alert')).toContainText('0% over 2 answers');
  await snap(annotatorPage, '40-annotator-paused');

  // The researcher's page updates by itself (live socket): the pause shows without a reload.
  const annotators = page.getByRole('region', { name: 'Annotators' });
  const row = annotators.getByRole('row', { name: new RegExp(annotator.email) });
  await expect(row).toContainText('Paused');
  await expect(row).toContainText('0%');
  await expect(page.getByRole('alert')).toContainText(`1 annotator is paused: ${annotator.email}`);
  await snap(page, '41-gold-page-paused');
  await row.getByRole('button', { name: `Resume ${annotator.email}` }).click();
  await expect(row).toContainText('Below threshold');

  await annotatorPage.getByRole('button', { name: 'Check again' }).click();
  await expect(annotatorPage.getByRole('heading', { name: 'Your work on this project is paused' })).toHaveCount(0);
  await expect(
    annotatorPage
      .getByRole('radio', { name: 'Math' })
      .or(annotatorPage.getByRole('heading', { name: /No more items/ })),
  ).toBeVisible();

  // Only researchers reach gold data: the annotator's own API session is refused.
  const annotatorApi = await signedIn(annotator);
  expect((await annotatorApi.get(`/api/projects/${project.id}/gold`)).status()).toBe(403);
  await annotatorContext.close();
});
