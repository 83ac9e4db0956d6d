import { expect, test } from '@playwright/test';
import { storedAnnotations } from '../support/annotations.ts';
import { arrangePairwiseProject } from '../support/pairwise-project.ts';
import { signInQuietly } from '../support/ui.ts';

/**
 * Issue 15: Submit shows the next task at once, from the task prepared while the annotator worked on this one; the
 * submit runs behind it. When the submit fails, the submitted task comes back with its answers and the error, and a
 * second try stores it exactly once.
 */
test('the next task shows before the server answers; a failed submit brings its task back, stored once on retry', async ({
  page,
}) => {
  const lines = Array.from({ length: 3 }, (_, i) =>
    JSON.stringify({
      id: `p-${i}`,
      prompt: `Question ${i}`,
      outputs: [
        { id: 'a', content: `Answer A to ${i}.` },
        { id: 'b', content: `Answer B to ${i}.` },
      ],
    }),
  );
  const { api, annotator, project } = await arrangePairwiseProject('prepared', lines);

  // Every submit is held back until the test lets it through: the page must move on without its answer.
  let release: () => void = () => {};
  let failNext = false;
  await page.route('**/api/leases/*/submit', async (route) => {
    if (failNext) {
      failNext = false;
      return route.abort('connectionreset');
    }
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return route.continue();
  });

  await signInQuietly(page, annotator);
  const prepared = page.waitForResponse((r) => r.url().endsWith('/tasks/prepare') && r.ok());
  await page.goto(`/projects/${project.id}/annotate`);
  await prepared;
  const scale = page.getByRole('radiogroup', { name: 'Which response is more helpful?' });
  const itemLabel = page.getByText(/^item /);
  const answer = async () => {
    await expect(scale.getByRole('radio').first()).toBeFocused();
    for (const key of ['2', '1', '2']) await page.keyboard.press(key);
  };

  await answer();
  const first = await itemLabel.textContent();
  await page.keyboard.press('Control+Enter');
  // The next item is on screen while the submit is still held back.
  await expect(itemLabel).not.toHaveText(first ?? '');
  const second = await itemLabel.textContent();
  release();
  await expect.poll(async () => (await storedAnnotations(api, project.id)).length).toBe(1);

  // The second submit fails: its task comes back with the answers given and says it was not submitted.
  await answer();
  failNext = true;
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Not submitted')).toBeVisible();
  await expect(itemLabel).toHaveText(second ?? '');
  await expect(scale.getByRole('radio', { checked: true })).toHaveCount(1);

  // Tried again, it is stored once and the last item follows.
  await page.getByRole('button', { name: /^Submit/ }).click();
  await expect(itemLabel).not.toHaveText(second ?? '');
  release();
  await expect.poll(async () => (await storedAnnotations(api, project.id)).length).toBe(2);
  const stored = await storedAnnotations(api, project.id);
  expect(new Set(stored.map((a) => a.itemExternalId)).size).toBe(2);
});
