import type { Answers, Task } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { addMember, createAccount, createProject, importJsonl, nextTask, signedIn, submit } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

const items = ['one', 'two', 'three'].map((id) =>
  JSON.stringify({
    id,
    prompt: `Question ${id}?`,
    outputs: [
      { id: 'x', content: `Good answer to ${id}.` },
      { id: 'y', content: `Poor answer to ${id}.` },
    ],
  }),
);

/** The good output ranked first, in the blind ids the annotator's task shows (the good one reads "Good answer"). */
const answersFor = (task: Task): Answers => {
  const good = task.outputs.find((o) => o.content.startsWith('Good'))?.id ?? '';
  const poor = task.outputs.find((o) => o.content.startsWith('Poor'))?.id ?? '';
  return {
    rank: { type: 'ranking', groups: [[good], [poor]] },
    quality: { type: 'rating', values: { [good]: 6, [poor]: 2 } },
  };
};

async function arrange() {
  const researcher = await createAccount('researcher');
  const annotator = await createAccount('annotator');
  const latecomer = await createAccount('annotator');
  const api = await signedIn(researcher);
  const project = await createProject(api, { name: `Left out ${Date.now().toString(36)}`, kind: 'ranking' });
  await importJsonl(api, project.id, `${items.join('\n')}\n`);
  await addMember(api, project.id, annotator.email, 'annotator');
  await addMember(api, project.id, latecomer.email, 'annotator');
  const annotatorApi = await signedIn(annotator);
  const done: Record<string, { annotationId: string; itemId: string }> = {};
  for (let task = await nextTask(annotatorApi, project.id); task; task = await nextTask(annotatorApi, project.id)) {
    const result = await submit(annotatorApi, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: answersFor(task),
    });
    done[task.item.externalId] = { annotationId: result.annotationId, itemId: task.item.id };
  }
  // "one" becomes a gold item, the answer on "two" is rejected (its item goes back to the pool).
  const gold = await api.put(`/api/projects/${project.id}/items/${done.one?.itemId}/gold`, {
    data: {
      answers: {
        rank: { type: 'ranking', groups: [['x'], ['y']] },
        quality: { type: 'rating', values: { x: 6, y: 2 } },
      },
    },
  });
  expect(gold.ok(), await gold.text()).toBe(true);
  const rejected = await api.post(`/api/annotations/${done.two?.annotationId}/review`, {
    data: { verdict: 'rejected', comment: 'Read the question again.' },
  });
  expect(rejected.status(), await rejected.text()).toBe(201);
  await annotatorApi.dispose();
  await api.dispose();
  return { researcher, latecomer, project };
}

const progressText = (page: Page) => page.getByRole('progressbar', { name: 'Items completed' });

test('the export says what it leaves out before the download, in a format that fits the project', async ({ page }) => {
  const { researcher, latecomer, project } = await arrange();
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  const exportPanel = page.getByRole('region', { name: 'Export' });
  // A ranking project starts on preference pairs, not on chat SFT.
  await expect(exportPanel.getByLabel('Format', { exact: true })).toHaveValue('trl-preference');
  const summary = exportPanel.getByRole('region', { name: 'What the export holds' });
  await expect(summary).toContainText('1 line from 1 item');
  await expect(summary.getByRole('listitem').filter({ hasText: '1 gold (control) item' })).toBeVisible();
  await expect(summary.getByRole('listitem').filter({ hasText: '1 annotation rejected in review' })).toBeVisible();
  // Asking for gold items brings them back, and the summary follows.
  await exportPanel.getByLabel('Include gold items').check();
  await expect(summary).toContainText('2 lines from 2 items');
  await expect(summary.getByRole('listitem').filter({ hasText: 'gold' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the export panel with its summary');

  // Progress after a rejection: the rejected item is not completed any more.
  await expect(progressText(page)).toHaveAttribute('aria-valuetext', '2 of 3 items completed');

  // The annotator who picks up the rejected item sees the same.
  await page.context().clearCookies();
  await signInQuietly(page, latecomer);
  await page.goto(`/projects/${project.id}/annotate`);
  await expect(page.getByText(/^item /)).toHaveText('item two');
  await expect(page.getByRole('region', { name: 'Your progress' })).toContainText('Project: 2/3 items complete (67%)');
  await expectNoAxeViolations(page, 'the annotation page after a rejection');
});
