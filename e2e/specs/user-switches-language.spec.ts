import { defaultSettings } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { createAccount, createProject, importJsonl, signedIn } from '../support/api.ts';
import { signInThroughForm } from '../support/ui.ts';

const ARABIC = 'مرحبا بالعالم. هذا نص عربي مكتوب من اليمين إلى اليسار.';
const HEBREW = 'שלום עולם. זהו טקסט בעברית שנכתב מימין לשמאל.';

test('a language chosen once follows the account to another browser; numbers, dates and right-to-left text read right', async ({
  page,
  browser,
}) => {
  const researcher = await createAccount('researcher');
  const api = await signedIn(researcher);
  const project = await createProject(api, {
    name: `语言 ${Date.now().toString(36)}`,
    kind: 'ranking',
    settings: { ordering: 'import-order', questions: defaultSettings('ranking').questions },
  });
  const lines = Array.from({ length: 1001 }, (_, i) =>
    JSON.stringify({
      id: `lang-${i}`,
      prompt: i === 0 ? 'Say hello in Arabic and in Hebrew.' : `Question ${i}`,
      outputs:
        i === 0
          ? [
              { id: 'ar', content: ARABIC },
              { id: 'he', content: HEBREW },
              { id: 'en', content: 'Hello, world: plain English, left to right.' },
            ]
          : [
              { id: 'a', content: `A ${i}` },
              { id: 'b', content: `B ${i}` },
            ],
    }),
  );
  await importJsonl(api, project.id, `${lines.join('\n')}\n`);
  const token = await api.post('/api/tokens', {
    data: { name: 'dates', password: researcher.password, expiresInDays: 90 },
  });
  expect(token.status(), await token.text()).toBe(201);

  // Switched in the header: the whole UI turns Chinese at once, <html lang> with it.
  await signInThroughForm(page, researcher);
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '项目' })).toBeVisible();

  // A reload keeps it.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '项目' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');

  // Another browser that never saw the choice: English until sign-in, Chinese after it (the account remembers).
  const elsewhere = await browser.newContext({ locale: 'en-US' });
  const other = await elsewhere.newPage();
  await other.goto('/login');
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await other.getByLabel('Email').fill(researcher.email);
  await other.getByLabel('Password').fill(researcher.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '项目' })).toBeVisible();
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // A date as Chinese readers write it: the token's expiry on the security page.
  await other.goto('/security');
  const tokens = other.getByRole('table', { name: 'API 令牌' });
  const expiresAt = new Date(Date.now() + 90 * 86_400_000);
  const zhDate = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium' }).format(expiresAt);
  await expect(tokens.getByRole('cell', { name: `有效期至 ${zhDate}` })).toBeVisible();
  expect(zhDate).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);

  // A number through the same locale: the item count in the item browser's heading.
  await other.goto(`/projects/${project.id}/items`);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(
    `条目（${new Intl.NumberFormat('zh-CN').format(1001)}）`,
  );
  await expectNoAxeViolations(other, 'item browser in Chinese');

  // Outputs are shown as written: Arabic and Hebrew right to left, English left to right, never translated.
  await other.goto(`/projects/${project.id}/annotate`);
  await expect(other.getByRole('heading', { name: '提示' })).toBeVisible();
  const outputs = other.getByRole('region', { name: '模型输出' });
  const direction = (text: string) =>
    outputs.getByText(text).evaluate((element) => getComputedStyle(element.closest('[dir]') ?? element).direction);
  await expect(outputs.getByText(ARABIC)).toBeVisible();
  expect(await direction(ARABIC)).toBe('rtl');
  expect(await direction(HEBREW)).toBe('rtl');
  expect(await direction('Hello, world')).toBe('ltr');
  await expectNoAxeViolations(other, 'annotator task in Chinese with right-to-left outputs');

  // The switch is on the sign-in page too, before anyone signs in.
  const fresh = await browser.newContext({ locale: 'en-US' });
  const login = await fresh.newPage();
  await login.goto('/login');
  await login.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(login.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(login.getByLabel('邮箱')).toBeVisible();
  await expectNoAxeViolations(login, 'sign-in page in Chinese');
  await fresh.close();
  await elsewhere.close();
});
