import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { arrangeProject } from '../support/api.ts';
import { signInQuietly, signInThroughForm } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ranking-items.jsonl'), 'utf8');

/** Chromium reports every blocked script, style, image or connection on the console. */
function cspViolations(page: Page) {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('every screen works under the enforced CSP, which blocks injected inline script', async ({ page }) => {
  const { researcher, annotator, project } = await arrangeProject('ranking', jsonl, '# Guidelines');
  const violations = cspViolations(page);

  const home = await page.goto('/');
  const csp = home?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  // Signed out: the app sends us to the sign-in page first.
  await expect(page).toHaveURL(/\/login/);

  await signInThroughForm(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByRole('heading', { name: project.name })).toBeVisible();

  await page.context().clearCookies();
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  await expect(page.getByRole('region', { name: 'Model outputs' }).getByRole('article').first()).toBeVisible();
  expect(violations).toEqual([]);

  // Markup that slipped through anywhere could not run: the policy refuses inline script and foreign images.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    const beacon = document.createElement('img');
    beacon.src = 'https://beacon.invalid/pixel.gif';
    document.body.append(beacon);
  });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
});

test('the API docs page works under the same policy', async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto('/api/docs');
  // The first request for the OpenAPI document builds it from every route's schema: seconds on a busy machine.
  await expect(page.getByText('Feedbench API').first()).toBeVisible({ timeout: 30_000 });
  expect(violations).toEqual([]);
});
