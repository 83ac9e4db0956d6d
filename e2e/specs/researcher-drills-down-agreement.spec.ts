import type { Answers, Task } from '@feedbench/shared';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { addMember, arrangeProject, createAccount, nextTask, signedIn, submit } from '../support/api.ts';
import { asShown, fixture } from '../support/fixtures.ts';
import { signInQuietly } from '../support/ui.ts';

const { jsonl, items } = fixture('ranking-items.jsonl');

test('a researcher clicks from an annotator and from a low-agreement item to their annotations', async ({ page }) => {
  test.slow();
  const { researcher, researcherApi, annotator, project } = await arrangeProject('ranking', jsonl);
  const patched = await researcherApi.patch(`/api/projects/${project.id}`, { data: { overlapTarget: 2 } });
  expect(patched.ok(), await patched.text()).toBe(true);
  const second = await createAccount('annotator');
  await addMember(researcherApi, project.id, second.email, 'annotator');

  // The first annotator ranks every item by the file's output id; the second reverses it: every item disagrees.
  // Answers are written in the file's ids and sent in the blind ids the task shows (asShown).
  const annotateAll = async (api: APIRequestContext, reverse: boolean) => {
    for (let task = await nextTask(api, project.id); task; task = await nextTask(api, project.id)) {
      const source = items.find((item) => item.id === (task as Task).item.externalId);
      const ids = (source?.outputs ?? []).map((o) => o.id).sort();
      const order = reverse ? [...ids].reverse() : ids;
      const answers: Answers = {
        rank: { type: 'ranking', groups: order.map((id) => [id]) },
        quality: { type: 'rating', values: Object.fromEntries(order.map((id, r) => [id, 7 - r])) },
      };
      await submit(api, task.leaseId, {
        idempotencyKey: crypto.randomUUID(),
        answers: asShown(task as Task, items, answers),
        timeOnTaskMs: 3000,
      });
    }
  };
  const firstApi = await signedIn(annotator);
  const secondApi = await signedIn(second);
  await annotateAll(firstApi, false);
  await annotateAll(secondApi, true);

  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}/agreement`);
  await expect(page.getByRole('heading', { level: 1, name: 'Agreement' })).toBeVisible();

  // From the annotator row to that annotator's annotations: one per item, their rankings by output id.
  const annotators = page.getByRole('table', { name: /^Annotators/ });
  await annotators.getByRole('link', { name: second.email }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Annotations by ${second.email}` })).toBeVisible();
  const byAnnotator = page.getByRole('table', { name: /annotations, newest first/ });
  await expect(byAnnotator.getByRole('row')).toHaveCount(3); // header + 2 items
  await expect(byAnnotator.getByRole('columnheader', { name: 'Rank the outputs, best first' })).toBeVisible();
  await expect(byAnnotator).toContainText('m3 > m2 > m1');
  await expect(byAnnotator).toContainText(/A = m\d, B = m\d, C = m\d/);
  await expectNoAxeViolations(page, 'the drill-down by annotator');

  // Back on the dashboard, from the worst item of the ranking question to both annotators' answers on it.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Agreement' }).click();
  const lowItems = page.getByRole('table', { name: /^Lowest-agreement items on “Rank the outputs/ });
  const itemLink = lowItems.getByRole('link').first();
  const itemId = await itemLink.textContent();
  await itemLink.click();
  await expect(page.getByRole('heading', { level: 1, name: `Annotations on item ${itemId}` })).toBeVisible();
  const byItem = page.getByRole('table', { name: /annotations, newest first/ });
  await expect(byItem.getByRole('row', { name: new RegExp(annotator.email) })).toContainText('m1 > m2 > m3');
  await expect(byItem.getByRole('row', { name: new RegExp(second.email) })).toContainText('m3 > m2 > m1');
  await expectNoAxeViolations(page, 'the drill-down by item');

  // The dashboard also groups agreement over time by batch: by import batch, the charts are relabelled.
  await page.goBack();
  await page.getByRole('combobox', { name: 'Agreement over time by' }).selectOption({ label: 'Import batch' });
  await expect(page.getByRole('figure', { name: /^Agreement over time/ }).first()).toContainText(
    'Agreement over 1 import batch;',
  );
  await Promise.all([firstApi.dispose(), secondApi.dispose()]);
});
