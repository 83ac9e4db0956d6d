import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { arrangeProject, exportLines } from '../support/api.ts';
import { currentItemId, signInThroughForm, snap } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'demonstration-items.jsonl'), 'utf8');

test('an annotator writes demonstrations in Markdown, previews them, skips one item and submits the other', async ({
  page,
}) => {
  const { annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl, 'Be brief.');
  await signInThroughForm(page, annotator);
  await page.getByRole('listitem', { name: project.name }).getByRole('link', { name: 'Start annotating' }).click();

  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation.getByRole('listitem', { name: 'User message' })).toBeVisible();
  const submit = page.getByRole('button', { name: /^Submit/ });
  await expect(submit).toBeDisabled();
  await expect(page.getByRole('status', { name: 'Before you submit' })).toContainText('is required');

  // First item: skipped with a reason.
  const skipped = await currentItemId(page);
  await page.getByRole('button', { name: 'Skip this item…' }).click();
  await page.getByLabel('Skip reason').selectOption('not-my-expertise');
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await expect(page.getByText(/^item /)).not.toHaveText(`item ${skipped}`);
  const written = await currentItemId(page);

  // Second item: written, previewed, then submitted with the keyboard.
  const reply =
    'A **LEFT JOIN** returns every row of the left table:\n\n- matched rows from the right\n- `NULL`s otherwise';
  const editor = page.getByRole('textbox', { name: 'Write the ideal assistant reply' });
  await editor.fill(reply);
  await page.getByRole('tab', { name: 'Preview' }).click();
  const preview = page.getByRole('tabpanel', { name: 'Write the ideal assistant reply: preview' });
  await expect(preview.locator('strong')).toHaveText('LEFT JOIN');
  await expect(preview.getByRole('listitem')).toHaveCount(2);
  await snap(page, '08-demonstration-preview');
  await page.getByRole('tab', { name: 'Write' }).click();
  await expect(submit).toBeEnabled();
  await editor.press('Control+Enter');

  await expect(page.getByRole('heading', { name: 'No more items — thanks!' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your progress' })).toContainText(
    '1 submitted, 1 skipped this session',
  );

  const lines = await exportLines(researcherApi, project.id, 'openai-chat');
  const source = jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; prompt: unknown });
  const prompt = source.find((item) => item.id === written)?.prompt;
  const conversationOf = typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
  expect(lines).toEqual([{ messages: [...(conversationOf as object[]), { role: 'assistant', content: reply }] }]);
});
