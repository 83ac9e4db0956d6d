import { projectSchema } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { addMember, createAccount, importJsonl, signedIn } from '../support/api.ts';
import { ADMIN } from '../support/env.ts';
import { connectModels, defaultWorkspaceId, modelServerForThisFile } from '../support/model-server.ts';
import { signInQuietly, snap } from '../support/ui.ts';

/**
 * A live chat turn on a phone (390 x 844): the conversation, both streamed candidates, the rank controls, the choice
 * of the reply to continue with and Save fit the width (no sideways scrolling), and each control can be reached.
 */
const modelServer = modelServerForThisFile();

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function arrangeChat() {
  const admin = await signedIn(ADMIN);
  const workspaceId = await defaultWorkspaceId(admin);
  const connections = await connectModels(admin, workspaceId, modelServer(), [7, 8], 'phone chat model');
  const created = await admin.post('/api/projects', {
    data: {
      name: `Phone chat ${Date.now().toString(36)}`,
      kind: 'chat',
      workspaceId,
      settings: {
        questions: [{ id: 'rank', type: 'ranking', label: 'Rank the outputs, best first', required: true }],
        chat: { candidates: connections.map((c) => ({ connectionId: c.id })), turnLimit: 2 },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const project = projectSchema.parse(await created.json());
  await importJsonl(admin, project.id, `${JSON.stringify({ id: 'phone-starter', prompt: [] })}\n`);
  const annotator = await createAccount('annotator', 'phone-chatter');
  await addMember(admin, project.id, annotator.email, 'annotator');
  await admin.dispose();
  return { project, annotator };
}

test('a chat turn on a phone needs no sideways scrolling and every control is reachable', async ({ page }) => {
  test.setTimeout(120_000);
  const { project, annotator } = await arrangeChat();
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const message = page.getByLabel('Your message');
  await expect(message).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);

  modelServer().behave({ kind: 'reply', perTokenMs: 5 });
  await message.fill('What is the tallest tree on Earth, and how tall is it?');
  await page.getByRole('button', { name: 'Send' }).click();
  for (const label of ['A', 'B']) {
    await expect(page.getByRole('article', { name: `Reply ${label}` })).toHaveAttribute('data-state', 'done', {
      timeout: 20_000,
    });
  }
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await snap(page, 'chat-on-a-phone');
  await expectNoAxeViolations(page, 'the chat page on a phone');

  // Rank on each reply's own card (the board is far below on a phone), then choose B and save: every control
  // inside the width once scrolled to.
  for (const [label, rank] of [
    ['B', 'Rank 1'],
    ['A', 'Rank 2'],
  ] as const) {
    const picker = page.getByRole('article', { name: `Reply ${label}` }).getByRole('combobox', {
      name: `Rank of reply ${label}`,
    });
    await picker.scrollIntoViewIfNeeded();
    const box = await picker.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await picker.selectOption({ label: rank });
  }
  // The board shows what the cards set.
  const board = page.getByRole('region', { name: 'Rank the outputs, best first' });
  await expect(board.getByRole('button', { name: /^Output B, rank 1/ })).toBeVisible();
  const choose = page
    .getByRole('article', { name: 'Reply B' })
    .getByRole('radio', { name: 'Continue with this reply' });
  await choose.scrollIntoViewIfNeeded();
  await choose.check();
  const save = page.getByRole('button', { name: 'Save this turn' });
  await save.scrollIntoViewIfNeeded();
  await expect(save).toBeInViewport();
  const saveBox = await save.boundingBox();
  expect(saveBox && saveBox.x + saveBox.width <= 390).toBe(true);
  await save.click();
  await expect(save).toHaveCount(0);
  await expect(page.getByLabel('Your message')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
});
