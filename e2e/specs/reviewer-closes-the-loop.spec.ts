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

test('a rejected answer goes back to the pool: the annotator reads why on their feedback page, another annotator gets the item', async ({
  page,
}) => {
  // Three people sign in through the browser in turn (each sign-in is one scrypt).
  test.slow();
  const { annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl);
  const reviewer = await createAccount('annotator', 'reviewer');
  await addMember(researcherApi, project.id, reviewer.email, 'reviewer');
  const annotatorApi = await signedIn(annotator);
  const prompts: Record<string, string> = {};
  let rejectedItem = '';
  for (const text of ['Too short.', 'A LEFT JOIN keeps every row of the left table.']) {
    const task = await nextTask(annotatorApi, project.id);
    if (!task) throw new Error('no task');
    prompts[task.item.externalId] = task.conversation.at(-1)?.content ?? '';
    if (!rejectedItem) rejectedItem = task.item.externalId;
    await submit(annotatorApi, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: { [task.questions[0]?.id ?? 'reply']: { type: 'demonstration', text } },
    });
  }

  await signInQuietly(page, reviewer);
  await page.goto('/review');
  const queue = page.getByRole('region', { name: 'Waiting for a verdict' });
  await expect(queue).toContainText('Too short.');
  await page.getByLabel('Comment for the annotator').fill('Answer the whole question, please.');
  await page.getByRole('button', { name: 'Reject with comment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: rejected' })).toBeVisible();

  // The annotator finds the feedback from the annotation page.
  await page.context().clearCookies();
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const feedbackLink = page.getByRole('link', { name: /Feedback on your work/ });
  await expect(feedbackLink).toContainText('1 rejected');
  await feedbackLink.click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/feedback$`));
  const feedback = page.getByRole('list', { name: 'Feedback on your work' });
  const rejection = feedback.getByRole('listitem').filter({ hasText: 'rejected' });
  await expect(rejection).toContainText('Answer the whole question, please.');
  await expect(rejection).toContainText(rejectedItem);
  await expect(rejection).toContainText('went back to the pool');
  await rejection.getByText('Your original answer').click();
  await expect(rejection).toContainText('Too short.');
  await snap(page, '34-annotator-feedback-page');

  // Another annotator is given the rejected item.
  const replacement = await createAccount('annotator', 'replacement');
  await addMember(researcherApi, project.id, replacement.email, 'annotator');
  await page.context().clearCookies();
  await signInQuietly(page, replacement);
  await page.goto(`/projects/${project.id}/annotate`);
  await expect(page.getByText(`item ${rejectedItem}`)).toBeVisible();
  await expect(page.getByText(prompts[rejectedItem] as string)).toBeVisible();
});
