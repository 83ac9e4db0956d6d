import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adjudicationItemSchema, type Task } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { addMember, arrangeProject, createAccount, nextTask, signedIn, submit } from '../support/api.ts';
import { asShown, type FixtureItem } from '../support/fixtures.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ranking-items.jsonl'), 'utf8');
const fixtureItems = jsonl
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as FixtureItem);

/** The default ranking template's answers: `order` best first (output ids), rated 7, 6, 5... */
const answers = (order: string[]) => ({
  rank: { type: 'ranking' as const, groups: order.map((id) => [id]) },
  quality: { type: 'rating' as const, values: Object.fromEntries(order.map((id, i) => [id, 7 - i])) },
});

test('a researcher opens the most disagreed item, compares the answers side by side and stores an adjudicated answer', async ({
  page,
}) => {
  // Two annotators' sessions and four submits are arranged first (each sign-in is one scrypt).
  test.slow();
  const { researcher, annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  const patched = await researcherApi.patch(`/api/projects/${project.id}`, { data: { overlapTarget: 2 } });
  expect(patched.ok()).toBe(true);
  const second = await createAccount('annotator', 'second');
  await addMember(researcherApi, project.id, second.email, 'annotator');
  // Both agree on the haiku; on the capital they rank in opposite orders.
  for (const [person, reversed] of [
    [annotator, false],
    [second, true],
  ] as const) {
    const api = await signedIn(person);
    for (let i = 0; i < 2; i++) {
      const task = (await nextTask(api, project.id)) as Task;
      const order = ['m1', 'm2', 'm3'];
      if (reversed && task.item.externalId === 'capital-fr') order.reverse();
      await submit(api, task.leaseId, {
        idempotencyKey: crypto.randomUUID(),
        answers: asShown(task, fixtureItems, answers(order)),
      });
    }
  }

  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Disagreements' }).click();
  const table = page.getByRole('table', { name: 'Items by disagreement' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toContainText('capital-fr');
  await expect(rows.nth(1)).toContainText('1.00');
  await expect(rows.nth(2)).toContainText('haiku');
  await expect(rows.nth(2)).toContainText('0.00');
  await snap(page, '35-disagreement-queue');

  await table.getByRole('link', { name: 'capital-fr' }).click();
  const sideBySide = page.getByRole('table', { name: 'Annotations side by side' });
  await expect(sideBySide).toContainText('m1 > m2 > m3');
  await expect(sideBySide).toContainText('m3 > m2 > m1');
  await expect(page.getByRole('region', { name: 'Outputs' })).toContainText('The capital of France is');
  // No model names, no annotator emails: answers are judged as answers.
  await expect(page.locator('main')).not.toContainText('alpha');
  await expect(page.locator('main')).not.toContainText(annotator.email);

  // Start from the first annotator's answer, then tie m1 and m2.
  await page.getByRole('button', { name: 'Use this answer of Annotator 1' }).click();
  await expect(page.getByLabel('Rank of m3')).toHaveValue('3');
  // A rank outside 1..3 is refused on the spot, what was typed stays, and the ranking it makes is shown before saving.
  await page.getByLabel('Rank of m3').fill('9');
  await expect(page.getByRole('alert').filter({ hasText: 'Ranks go from 1 to 3: check m3.' })).toBeVisible();
  await expect(page.getByLabel('Rank of m3')).toHaveValue('9');
  await page.getByLabel('Rank of m3').fill('4');
  await page.getByLabel('Rank of m3').fill('3');
  await page.getByLabel('Rank of m2').fill('1');
  await expect(page.getByText('Saved as: m1 = m2 > m3')).toBeVisible();
  await page.getByRole('button', { name: 'Save adjudicated answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'revision 1' })).toContainText(researcher.email);
  await expect(sideBySide).toContainText('m1 = m2 > m3');
  await snap(page, '36-adjudicated-item');

  const itemId = page.url().split('/').at(-1) as string;
  const stored = adjudicationItemSchema.parse(
    await (await researcherApi.get(`/api/projects/${project.id}/adjudication/items/${itemId}`)).json(),
  );
  expect(stored.adjudication?.answers.rank).toEqual({ type: 'ranking', groups: [['m1', 'm2'], ['m3']] });

  // Annotators never reach the queue.
  const annotatorApi = await signedIn(annotator);
  expect((await annotatorApi.get(`/api/projects/${project.id}/adjudication`)).status()).toBe(403);

  await page.getByRole('link', { name: 'Adjudication' }).click();
  await expect(table.getByRole('row').nth(1)).not.toContainText('not yet');
});
