import { expect, type Page } from '@playwright/test';

/** Opens the project's template builder, applies a preset and saves it; returns once the new version is stored. */
export async function savePreset(page: Page, projectId: string, presetName: string) {
  await page.goto(`/projects/${projectId}/template`);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: presetName });
  await page.getByRole('button', { name: 'Apply preset' }).click();
  // The default template has questions: the builder asks before replacing them.
  await page.getByRole('button', { name: 'Replace questions' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Applied the ${presetName} preset` })).toBeVisible();
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as template version 2.' })).toBeVisible();
}

/** The item the annotator has on screen now, and the leases' display order as labels A, B, C... in DOM order. */
export async function currentItem(page: Page): Promise<string> {
  const text = await page.getByText(/^item /).textContent();
  return (text ?? '').replace(/^item /, '');
}

/** Waits for the next item after a submit (a different external id than `previous`). */
export async function nextItem(page: Page, previous: string): Promise<string> {
  await expect(page.getByText(/^item /)).not.toHaveText(`item ${previous}`);
  return currentItem(page);
}
