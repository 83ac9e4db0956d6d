import { projectListResponse } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { createAccount, signedIn } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

/**
 * Every researcher and admin screen of the demo on a phone: the page itself never scrolls sideways (wide tables
 * scroll inside their own box), so the header and every control stay on screen.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('researcher and admin screens of the demo need no sideways scrolling at 390 px', async ({ page }) => {
  test.setTimeout(120_000);
  // An admin of this spec's own: the shared admin's saved language may change under other specs.
  const admin = await createAccount('admin', 'phone-admin');
  const api = await signedIn(admin);
  const { projects } = projectListResponse.parse(await (await api.get('/api/projects')).json());
  const ranking = projects.find((p) => p.name === 'Demo: rank assistant replies');
  if (!ranking) throw new Error('the demo ranking project was not seeded');
  // A token, so the Security page has a row in its tokens table.
  const token = await api.post('/api/tokens', { data: { name: 'phone check', password: admin.password } });
  expect(token.status(), await token.text()).toBe(201);
  await api.dispose();
  await signInQuietly(page, admin);

  const r = `/projects/${ranking.id}`;
  const screens = [
    r,
    `${r}/items`,
    `${r}/agreement`,
    `${r}/adjudication`,
    `${r}/gold`,
    `${r}/skips`,
    `${r}/leaderboard`,
    `${r}/judges`,
    `${r}/template`,
    '/review',
    '/security',
    '/users',
    '/workspaces',
    '/models',
  ];
  const tooWide: string[] = [];
  for (const url of screens) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) tooWide.push(`${url}: ${width} px`);
  }
  expect(tooWide).toEqual([]);
});
