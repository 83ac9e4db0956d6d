import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createAccount, nextTask, signedIn, submit } from '../support/api.ts';
import { signInThroughForm, snap } from '../support/ui.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures');

test('a researcher creates a ranking project, imports items, fixes a bad file and adds an annotator', async ({
  page,
}) => {
  const researcher = await createAccount('researcher');
  const annotator = await createAccount('annotator');

  // Without a session every page leads to the login form, which brings the user back afterwards.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await snap(page, '00-login');

  await signInThroughForm(page, researcher);
  await expect(page.getByRole('banner')).toContainText('researcher');
  await snap(page, '01-projects-empty');

  const name = `Capitals ${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Kind').selectOption('ranking');
  await page.getByRole('textbox', { name: 'Guidelines (Markdown)' }).fill('Prefer **correct** and concise answers.');
  await page.getByRole('button', { name: 'Create project' }).click();

  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress.getByRole('definition').first()).toHaveText('0');

  // A file with problems is rejected whole, and every bad line is named.
  await page.getByLabel('JSONL file').setInputFiles(path.join(fixtures, 'ranking-items-invalid.jsonl'));
  await page.getByRole('button', { name: 'Start import' }).click();
  const problems = page.getByRole('table', { name: 'Import problems' });
  await expect(problems).toBeVisible();
  const lines = await problems.locator('tbody tr td:first-child').allTextContents();
  expect(new Set(lines)).toEqual(new Set(['2', '3', '4']));
  await expect(problems).toContainText('duplicate output id "a"');
  await snap(page, '02-import-problems');

  // Imports are listed newest first, each with its outcome.
  const newestImport = page.getByRole('list', { name: 'Imports' }).getByRole('listitem').first();
  await page.getByLabel('JSONL file').setInputFiles(path.join(fixtures, 'ranking-items.jsonl'));
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(newestImport.getByRole('status')).toHaveText('Imported 2 lines: 2 created, 0 existing.');
  await expect(progress.getByRole('definition').first()).toHaveText('2');

  // Importing the same file again duplicates nothing.
  await page.getByLabel('JSONL file').setInputFiles(path.join(fixtures, 'ranking-items.jsonl'));
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(newestImport.getByRole('status')).toHaveText('Imported 2 lines: 0 created, 2 existing.');

  await page.getByLabel('Member email').fill(annotator.email);
  await page.getByLabel('Member role').selectOption('annotator');
  await page.getByRole('button', { name: 'Add member' }).click();
  const members = page.getByRole('table', { name: 'Project members' });
  await expect(members.getByRole('row').filter({ hasText: annotator.email })).toContainText('annotator');

  // Guidelines: edited in Markdown, previewed, saved as a new version.
  const source = page.getByRole('textbox', { name: 'Guidelines (Markdown)' });
  await source.fill('Prefer **correct** answers.\n\n- Penalize made-up facts');
  await expect(page.getByRole('region', { name: 'Guidelines preview' }).locator('strong')).toHaveText('correct');
  await page.getByRole('button', { name: 'Save guidelines' }).click();
  await expect(page.getByText('version 2')).toBeVisible();
  await snap(page, '03-project-dashboard');

  // Counters follow annotators' work while the researcher watches (live socket, polling as the fallback).
  await expect(progress.getByText('Live', { exact: true })).toBeVisible();
  const projectId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const annotatorApi = await signedIn(annotator);
  const task = await nextTask(annotatorApi, projectId);
  if (!task) throw new Error('the annotator got no task');
  const ids = task.outputs.map((o) => o.id);
  await submit(annotatorApi, task.leaseId, {
    idempotencyKey: crypto.randomUUID(),
    answers: {
      rank: { type: 'ranking', groups: ids.map((id) => [id]) },
      quality: { type: 'rating', values: Object.fromEntries(ids.map((id) => [id, 4])) },
    },
  });
  await expect(progress.getByRole('progressbar', { name: 'Items completed' })).toHaveAttribute(
    'aria-valuetext',
    '1 of 2 items completed',
  );

  // The annotator now sees the project, and only as work to do.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInThroughForm(page, annotator);
  const card = page.getByRole('listitem', { name });
  await expect(card.getByRole('link', { name: 'Start annotating' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create project' })).toHaveCount(0);
  await snap(page, '04-annotator-projects');
});
