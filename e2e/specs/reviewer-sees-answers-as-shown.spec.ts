import { reviewListResponse } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { addMember, arrangeProject, createAccount, nextTask, signedIn, submit } from '../support/api.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const jsonl = `${JSON.stringify({
  id: 'capital',
  prompt: 'What is the capital of **France**?',
  outputs: [
    { id: 'm1', model: 'alpha', content: 'It is **Paris**.' },
    { id: 'm2', model: 'beta', content: 'Lyon, I think.' },
    { id: 'm3', model: 'gamma', content: 'Paris, on the `Seine`.' },
  ],
})}\n`;

test('a reviewer reads the answer as the annotator saw it (letters, display order, Markdown) and corrects a rating', async ({
  page,
}) => {
  const { annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  const reviewer = await createAccount('annotator', 'reviewer');
  await addMember(researcherApi, project.id, reviewer.email, 'reviewer');
  const annotatorApi = await signedIn(annotator);
  const task = await nextTask(annotatorApi, project.id);
  if (!task) throw new Error('no task');
  const [a, b, c] = task.outputs;
  if (!a || !b || !c) throw new Error('three outputs expected');
  // The annotator saw A, B, C in this order: B best, then A, then C; rated 5, 6, 3.
  await submit(annotatorApi, task.leaseId, {
    idempotencyKey: crypto.randomUUID(),
    answers: {
      rank: { type: 'ranking', groups: [[b.id], [a.id], [c.id]] },
      quality: { type: 'rating', values: { [a.id]: 5, [b.id]: 6, [c.id]: 3 } },
    },
  });

  await signInQuietly(page, reviewer);
  await page.goto('/review');
  const queue = page.getByRole('region', { name: 'Waiting for a verdict' });
  // Outputs in the annotator's display order, under the letters they read, Markdown rendered.
  const shown = queue.getByRole('region', { name: 'Outputs shown' }).getByRole('article');
  await expect(shown).toHaveCount(3);
  for (const [index, output] of task.outputs.entries()) {
    await expect(shown.nth(index)).toHaveAccessibleName(`Output ${output.label}`);
  }
  await expect(
    queue.getByRole('region', { name: 'Outputs shown' }).locator('strong', { hasText: 'Paris' }),
  ).toBeVisible();
  await expect(
    queue.getByRole('region', { name: 'Conversation' }).locator('strong', { hasText: 'France' }),
  ).toBeVisible();
  const answers = queue.getByRole('region', { name: 'Answers to review' });
  await expect(answers).toContainText('B > A > C');
  await expect(answers).toContainText(/A\s*5/);
  await expect(answers).toContainText(/C\s*3/);
  // No stored JSON and no output ids where the annotator read letters.
  await expect(answers).not.toContainText('"type"');
  await expect(answers).not.toContainText(a.id);
  await snap(page, '37-review-as-shown');

  // Correct the rating of C with the scale annotators use.
  const correction = queue.getByRole('region', { name: 'Correction' });
  // Each scale shows which output it is for, as the annotator's cards do.
  await expect(correction.getByText('Output C', { exact: true })).toBeVisible();
  await correction
    .getByRole('radiogroup', { name: `Overall quality for output C` })
    .getByRole('radio', { name: /^2/ })
    .check();
  await queue.getByRole('button', { name: 'Save correction' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: corrected' })).toBeVisible();
  await expect(queue).toContainText('Nothing waits for review.');

  // Researchers read the file's output ids; the annotator saw blind ones (matched by content).
  const fileIds: Record<string, string> = {
    'It is **Paris**.': 'm1',
    'Lyon, I think.': 'm2',
    'Paris, on the `Seine`.': 'm3',
  };
  const real = (output: { content: string }) => fileIds[output.content] ?? '';
  const reviews = reviewListResponse.parse(
    await (await researcherApi.get(`/api/projects/${project.id}/reviews`)).json(),
  );
  expect(reviews.reviews).toHaveLength(1);
  expect(reviews.reviews[0]?.verdict).toBe('corrected');
  expect(reviews.reviews[0]?.correctedAnswers?.quality).toEqual({
    type: 'rating',
    values: { [real(a)]: 5, [real(b)]: 6, [real(c)]: 2 },
  });
  expect(reviews.reviews[0]?.originalAnswers.quality).toEqual({
    type: 'rating',
    values: { [real(a)]: 5, [real(b)]: 6, [real(c)]: 3 },
  });
});
