import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { arrangeProject } from '../support/api.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'hostile-items.jsonl'), 'utf8');
const hostileGuidelines = 'Read carefully <script>window.__pwned = "guidelines"</script> [docs](javascript:alert(5))';

test('model outputs, prompts and guidelines with HTML and javascript: links render as inert text', async ({ page }) => {
  const { annotator, project } = await arrangeProject('ranking', jsonl, hostileGuidelines);
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  // Would catch a script that ran but did not open a dialog.
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));

  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const outputs = page.getByRole('region', { name: 'Model outputs' });
  await expect(outputs.getByRole('article')).toHaveCount(3);

  // The markup is shown to the annotator as the text the model wrote.
  await expect(outputs).toContainText("<script>window.__pwned = 'script'; alert('script')</script>");
  await expect(outputs).toContainText(`<img src=x onerror="window.__pwned='img'; alert('img')">`);
  await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('<script>');
  await expect(page.getByRole('region', { name: 'Guidelines' })).toContainText('<script>');
  // Code is highlighted as text; KaTeX typesets the formula but makes no link of \href or \url.
  await expect(outputs.locator('pre code.hljs')).toContainText("<script>window.__pwned = 'code'</script>");
  await expect(outputs.locator('.katex').first()).toBeVisible();
  await expect(outputs.locator('.katex a')).toHaveCount(0);

  // Nothing active was created from it.
  const main = page.getByRole('main');
  await expect(main.locator('script, iframe, object, embed, img[onerror], [onerror], [onclick]')).toHaveCount(0);
  await expect(main.locator('img')).toHaveCount(0);
  const hrefs = await main.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.filter((href) => /^\s*javascript:/i.test(href))).toEqual([]);

  // Clicking the would-be javascript: links does nothing either.
  for (const link of await main.getByRole('link', { name: 'x', exact: true }).all()) await link.click();
  await page.getByText('docs', { exact: true }).click();
  await snap(page, '10-hostile-output');

  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});
