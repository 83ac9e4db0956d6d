import { expect, type Page } from '@playwright/test';

/**
 * The researcher's chat project set-up in the new-project form: kind chat, one candidate slot per connection (picked
 * by id: other specs add connections to the same workspace), a turn limit. Returns the new project's id.
 */
export async function createChatProjectInUi(
  page: Page,
  {
    name,
    workspaceId,
    connectionIds,
    turns,
  }: { name: string; workspaceId: string; connectionIds: string[]; turns: number },
): Promise<string> {
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Name', { exact: true }).fill(name);
  const workspace = page.getByLabel('Workspace', { exact: true });
  if (await workspace.isVisible()) await workspace.selectOption(workspaceId);
  await page.getByLabel('Kind').selectOption('chat');
  const addSlot = page.getByRole('button', { name: 'Add a candidate' });
  await expect(addSlot).toBeEnabled();
  for (const _ of connectionIds) await addSlot.click();
  for (const [index, id] of connectionIds.entries()) {
    await page.getByLabel(`Candidate ${index + 1}`).selectOption(id);
    await expect(page.getByLabel(`Candidate ${index + 1}`)).toHaveValue(id);
  }
  await page.getByLabel('Turns per conversation').fill(String(turns));
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1) as string;
}
