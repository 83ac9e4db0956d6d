import type { QuestionInput } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { addMember, createAccount, createProject, importJsonl, signedIn } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

const outputs = (id: string, n: number, long = false) =>
  Array.from({ length: n }, (_, i) => ({
    id: `o${i}`,
    content:
      long && i === 0 ? `Long answer ${id}. ${'A sentence that goes on. '.repeat(160)}` : `Answer ${i} to ${id}.`,
  }));

async function arrange(questions?: QuestionInput[], outputCount = 4, long = false) {
  const researcher = await createAccount('researcher');
  const annotator = await createAccount('annotator');
  const api = await signedIn(researcher);
  const project = await createProject(api, {
    name: `Layout ${Date.now().toString(36)}`,
    kind: 'ranking',
    ...(questions ? { settings: { questions } } : {}),
  });
  const line = JSON.stringify({ id: 'only', prompt: 'Compare these.', outputs: outputs('only', outputCount, long) });
  await importJsonl(api, project.id, `${line}\n`);
  await addMember(api, project.id, annotator.email, 'annotator');
  await api.dispose();
  return { annotator, project };
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test.describe('on a phone (390 x 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('annotating needs no sideways scrolling and each output has its rank control', async ({ page }) => {
    const { annotator, project } = await arrange();
    await signInQuietly(page, annotator);
    await page.goto(`/projects/${project.id}/annotate`);
    await expect(page.getByRole('region', { name: 'Model outputs' })).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await expect(page.getByRole('banner').getByRole('button', { name: 'Log out' })).toBeInViewport();

    const cardA = page.getByRole('article', { name: 'Output A' });
    const rankA = cardA.getByRole('combobox', { name: 'Rank of output A' });
    await rankA.selectOption({ label: 'Rank 1' });
    await expect(cardA).toContainText('rank 1');
    // The control sits on the card itself, not after every output.
    const card = await cardA.boundingBox();
    const control = await rankA.boundingBox();
    expect(control && card && control.y < card.y + card.height).toBe(true);
    expect(control && control.x + control.width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page, 'the annotation page on a phone');
  });
});

test('on a desktop, Submit stays in view when the answer panel is taller than the window', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const questions: QuestionInput[] = [
    { id: 'rank', type: 'ranking', label: 'Rank the outputs', required: true, allowTies: true },
    ...[1, 2, 3].map((n) => ({ id: `why-${n}`, type: 'rationale' as const, label: `Reason ${n}`, required: false })),
  ];
  const { annotator, project } = await arrange(questions, 6);
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const panel = page.getByRole('complementary', { name: 'Your answer' });
  await expect(panel).toBeVisible();
  const panelHeight = await panel.evaluate((el) => el.scrollHeight);
  expect(panelHeight).toBeGreaterThan(900);
  await expect(page.getByRole('button', { name: /^Submit/ })).toBeInViewport();
  await expectNoAxeViolations(page, 'the annotation page with a tall answer panel');
});

test('an expanded long output takes the whole row, and a direct load warns about nothing', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  const { annotator, project } = await arrange(undefined, 4, true);
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  // Outputs are shown in a random order: the long one may have any label.
  const expander = page.getByRole('button', { name: /^Show all of output [A-D]$/ });
  const label = ((await expander.textContent()) ?? '').trim().slice(-1);
  await expander.click();
  const card = page.getByRole('article', { name: `Output ${label}` });
  await expect(card.getByRole('button', { name: 'Show less' })).toBeVisible();
  const outputsWidth = (await page.getByRole('region', { name: 'Model outputs' }).boundingBox())?.width ?? 0;
  const box = await card.boundingBox();
  expect(box?.width).toBeGreaterThan(outputsWidth - 2);
  expect(box?.height).toBeLessThan(4000);
  expect(warnings.filter((w) => /HydrateFallback/.test(w))).toEqual([]);
});

test('dark mode follows the system, can be switched, is remembered and stays accessible', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const { annotator, project } = await arrange();
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const background = () =>
    page.evaluate(() => getComputedStyle(document.body.parentElement as Element).backgroundColor);
  await expect(page.getByRole('region', { name: 'Model outputs' })).toBeVisible();
  expect(await background()).toBe('rgb(15, 17, 23)');
  await expectNoAxeViolations(page, 'the annotation page in the dark theme');
  await page.goto('/');
  await expectNoAxeViolations(page, 'the project list in the dark theme');

  await page.getByRole('combobox', { name: 'Colour theme' }).selectOption({ label: 'Light' });
  expect(await background()).toBe('rgb(246, 247, 251)');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Colour theme' })).toHaveValue('light');
  expect(await background()).toBe('rgb(246, 247, 251)');
  await expectNoAxeViolations(page, 'the project list in the light theme');
});
