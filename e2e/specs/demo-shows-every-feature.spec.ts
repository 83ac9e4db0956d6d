import { projectListResponse, RANKING_EXPORT_FORMATS, SFT_EXPORT_FORMATS } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { exportLines, signedIn } from '../support/api.ts';
import { ADMIN } from '../support/env.ts';
import { signInQuietly } from '../support/ui.ts';

test('on first start the demo has annotators, agreement, position bias, reviews, disagreements, gold, a leaderboard and every export to show', async ({
  page,
}) => {
  // The e2e server seeds the demo like `pnpm start` does (support/start-server.mjs); admins see every project.
  const admin = await signedIn(ADMIN);
  const { projects } = projectListResponse.parse(await (await admin.get('/api/projects')).json());
  const ranking = projects.find((p) => p.name === 'Demo: rank assistant replies');
  if (!ranking) throw new Error('the demo ranking project was not seeded');
  expect(ranking.settings.overlapTarget).toBe(3);
  expect(ranking.progress.annotations).toBeGreaterThanOrEqual(24);
  const members = (await (await admin.get(`/api/projects/${ranking.id}/members`)).json()).members as {
    role: string;
  }[];
  expect(members.filter((m) => m.role === 'annotator').length).toBeGreaterThanOrEqual(5);
  // Every export format the ranking project offers has lines, and so does every SFT format of the demonstration one.
  const demonstration = projects.find((p) => p.name === 'Demo: write ideal replies');
  if (!demonstration) throw new Error('the demo demonstration project was not seeded');
  for (const format of RANKING_EXPORT_FORMATS) {
    expect((await exportLines(admin, ranking.id, format)).length, `ranking project, ${format}`).toBeGreaterThan(0);
  }
  for (const format of [...SFT_EXPORT_FORMATS, 'raw']) {
    expect((await exportLines(admin, demonstration.id, format)).length, `demonstration, ${format}`).toBeGreaterThan(0);
  }
  await admin.dispose();

  await signInQuietly(page, ADMIN);
  await page.goto(`/projects/${ranking.id}/agreement`);
  await expect(page.getByRole('table', { name: 'First-shown output ranked best, against chance' })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('nothing yet');
  await expectNoAxeViolations(page, 'the demo agreement page');

  await page.goto(`/projects/${ranking.id}/adjudication`);
  const queue = page.getByRole('table', { name: 'Items by disagreement' });
  await expect(queue.getByRole('row').nth(1)).toBeVisible();

  await page.goto(`/projects/${ranking.id}/gold`);
  const accuracy = page.getByRole('table', { name: 'Accuracy on gold items per annotator' });
  await expect(accuracy).toContainText('%');

  // Review: answers wait for a verdict, one was already rejected with a comment.
  await page.goto('/review');
  // Other specs' projects may come first in the list: choose the demo.
  await page.getByLabel('Project', { exact: true }).selectOption({ value: ranking.id });
  await expect(page.getByRole('region', { name: 'Waiting for a verdict' })).toContainText(/\(\d+ waiting\)/);
  const reviews = (await (await page.request.get(`/api/projects/${ranking.id}/reviews`)).json()).reviews as {
    verdict: string;
  }[];
  expect(reviews.map((r) => r.verdict)).toEqual(expect.arrayContaining(['accepted', 'rejected']));

  // The leaderboard ranks the demo's models from the seeded rankings.
  await page.goto(`/projects/${ranking.id}/leaderboard`);
  await expect(page.getByRole('table', { name: 'Ratings' }).getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Ratings' })).toContainText('demo-large');

  await page.goto(`/projects/${ranking.id}`);
  const summary = page.getByRole('region', { name: 'What the export holds' });
  await expect(summary).toContainText(/[1-9]\d* lines? from/);
  await expect(summary).toContainText('1 gold (control) item');
  await expectNoAxeViolations(page, 'the demo dashboard');
});
