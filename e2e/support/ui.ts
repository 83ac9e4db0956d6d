import { expect, type Locator, type Page } from '@playwright/test';
import type { Account } from './api.ts';

/** Signs in through the login form, as a person would. */
export async function signInThroughForm(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('region', { name: 'Account' })).toContainText(account.email);
}

/** Signs the browser in through the API (shares the page's cookie jar) when the form is not what a spec tests. */
export async function signInQuietly(page: Page, account: Pick<Account, 'email' | 'password'>) {
  const response = await page.request.post('/api/auth/login', { data: account });
  expect(response.ok()).toBe(true);
}

/**
 * Drags with real pointer events: dnd-kit's PointerSensor starts after a few pixels of movement, then follows the
 * pointer; intermediate steps let it compute collisions on the way.
 */
export async function dragAndDrop(page: Page, source: Locator, target: Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag source or target is not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Screenshots for reviewing the look of each screen; off unless E2E_SCREENSHOTS names a folder. */
export async function snap(page: Page, name: string) {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  // A full-page capture of a scrolled page would paint the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}

/** The external id of the item on the annotation page ("item <id>" under the prompt). */
export async function currentItemId(page: Page): Promise<string> {
  const text = await page.getByText(/^item /).textContent();
  return (text ?? '').replace(/^item /, '');
}
