import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { addMember, arrangeProject, createAccount, nextTask, signedIn, submit } from '../support/api.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'demonstration-items.jsonl'), 'utf8');

test('a reviewer rejects one demonstration with a comment and corrects another; the annotator reads both', async ({
  page,
}) => {
  const { annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl);
  const reviewer = await createAccount('annotator', 'reviewer');
  await addMember(researcherApi, project.id, reviewer.email, 'reviewer');
  const annotatorApi = await signedIn(annotator);
  for (const text of ['First draft answer.', 'The cat sat on the mat.']) {
    const task = await nextTask(annotatorApi, project.id);
    if (!task) throw new Error('no task');
    const [question] = task.questions;
    await submit(annotatorApi, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: { [question?.id ?? 'reply']: { type: 'demonstration', text } },
    });
  }

  await signInQuietly(page, reviewer);
  await page.goto('/review');
  const queue = page.getByRole('region', { name: 'Waiting for a verdict' });
  await expect(queue).toContainText('First draft answer.');
  await expect(queue).toContainText('(2 waiting)');
  await page.getByLabel('Comment for the annotator').fill('Two sentences, please.');
  await page.getByRole('button', { name: 'Reject with comment' }).click();
  await expect(queue).toContainText('The cat sat on the mat.');
  const correction = page.getByLabel(/^Corrected /);
  await correction.fill('The dog sat on the mat.');
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: corrected' })).toBeVisible();
  await expect(queue).toContainText('Nothing waits for review.');
  await snap(page, '32-review-queue');

  await page.context().clearCookies();
  await signInQuietly(page, annotator);
  await page.goto('/review');
  const feedback = page.getByRole('list', { name: 'Feedback on your work' });
  await expect(feedback.getByRole('listitem')).toHaveCount(2);
  await expect(feedback).toContainText('Two sentences, please.');
  await expect(feedback.locator('del')).toContainText('cat');
  await expect(feedback.locator('ins')).toContainText('dog');
  await expect(page.getByRole('region', { name: 'Waiting for a verdict' })).toHaveCount(0);
  await snap(page, '33-annotator-feedback');
});
