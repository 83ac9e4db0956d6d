import type { Answers } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { arrangeProject, nextTask, signedIn, submit } from '../support/api.ts';
import { asShown, type FixtureItem } from '../support/fixtures.ts';
import { signInQuietly, snap } from '../support/ui.ts';

/** Four items, outputs by alpha, beta and gamma: three "code" items and one "chat" item where gamma's answer is long. */
const items: FixtureItem[] = ['sort', 'regex', 'sql', 'greeting'].map((id) => ({
  id,
  prompt: `Prompt about ${id}`,
  metadata: { category: id === 'greeting' ? 'chat' : 'code' },
  outputs: ['alpha', 'beta', 'gamma'].map((model, k) => ({
    id: `o${k}`,
    model,
    content:
      id === 'greeting' && model === 'gamma' ? `A long, warm greeting. ${'Hello! '.repeat(40)}` : `${model} on ${id}`,
  })),
}));
const jsonl = items.map((item) => JSON.stringify(item)).join('\n');

test('a researcher reads the model leaderboard: ratings with intervals, win rates, a category and length control', async ({
  page,
}) => {
  const { researcher, annotator, project } = await arrangeProject('ranking', jsonl);
  // The annotator ranks alpha > beta > gamma on code items and gamma > beta > alpha on the chat item.
  const annotatorApi = await signedIn(annotator);
  for (;;) {
    const task = await nextTask(annotatorApi, project.id);
    if (!task) break;
    const order = task.item.externalId === 'greeting' ? ['o2', 'o1', 'o0'] : ['o0', 'o1', 'o2'];
    const answers: Answers = {
      rank: { type: 'ranking', groups: order.map((id) => [id]) },
      quality: { type: 'rating', values: Object.fromEntries(order.map((id, i) => [id, 6 - 2 * i])) },
    };
    await submit(annotatorApi, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: asShown(task, items, answers),
      timeOnTaskMs: 1500,
    });
  }
  await annotatorApi.dispose();

  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Leaderboard', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/leaderboard$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Model leaderboard' })).toBeVisible();
  await expect(page.getByText('12 comparisons from 4 answers on 4 items.')).toBeVisible();

  const ratings = page.getByRole('table', { name: 'Ratings' });
  const rows = ratings.getByRole('row');
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('alpha');
  await expect(rows.nth(1)).toContainText('6 / 2 / 0');
  await expect(rows.nth(3).getByRole('rowheader')).toHaveText('gamma');
  // Every model has an interval (bootstrap over items): "low – high".
  for (const index of [1, 2, 3]) await expect(rows.nth(index).getByRole('cell').nth(2)).toHaveText(/\d+ – \d+/);

  const chart = page.getByRole('figure', { name: /^Ratings with 95% intervals/ });
  await expect(chart.locator('.recharts-wrapper')).toBeVisible();
  await expect(chart).toContainText('alpha:');

  const winRates = page.getByRole('table', { name: /^Share of comparisons the row model won/ });
  // Row 0 names the columns; row 1 is alpha's: against beta it won 3 of 4 (lost the chat item).
  const alphaRow = winRates.getByRole('row').nth(1);
  await expect(alphaRow.getByRole('rowheader')).toHaveText('alpha');
  await expect(alphaRow.getByRole('cell').nth(1)).toHaveText('75% of 4');
  expect(cspViolations).toEqual([]);
  await expectNoAxeViolations(page, 'the model leaderboard');
  await snap(page, 'researcher-leaderboard');

  // One category: the chat item alone puts gamma first.
  await page.getByLabel('Category').selectOption('chat');
  await expect(page.getByText('3 comparisons from 1 answer on 1 item.')).toBeVisible();
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('gamma');

  // Length control adds the coefficient to the page.
  await page.getByLabel('Category').selectOption('');
  await page.getByRole('checkbox', { name: 'Control for length' }).check();
  await expect(page.getByText(/^Length coefficient: /)).toBeVisible();
  await expectNoAxeViolations(page, 'the length-controlled leaderboard');
});
