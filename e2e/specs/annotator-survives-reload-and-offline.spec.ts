import { expect, test } from '@playwright/test';
import { arrangeProject, exportLines } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

const jsonl = [
  JSON.stringify({ id: 'long-1', prompt: 'Explain how a hash map handles collisions.' }),
  JSON.stringify({ id: 'long-2', prompt: 'Describe the water cycle.' }),
].join('\n');

// Issue 3: nothing typed more than a couple of seconds ago is lost on reload, and a submit sent while the network
// is down is stored exactly once when it comes back.
test('a long demonstration survives a reload, and a submit made offline is stored exactly once', async ({
  page,
  context,
}) => {
  const { annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl);
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);

  const editor = page.getByRole('textbox', { name: 'Write the ideal assistant reply' });
  const paragraphs = Array.from(
    { length: 12 },
    (_, i) => `Paragraph ${i + 1}: separate chaining keeps a list per bucket; open addressing probes for a free slot.`,
  );
  const long = paragraphs.join('\n\n');
  await editor.fill(long);
  await page.waitForTimeout(2500);
  await page.reload();
  await expect(editor).toHaveValue(long);

  // Typed and reloaded at once, before the debounced server save: this browser's copy brings it back.
  const final = `${long}\n\nIn short: collisions share a bucket or move to the next free one.`;
  await editor.fill(final);
  await page.reload();
  await expect(editor).toHaveValue(final);

  // The network drops just as the annotator submits.
  await context.setOffline(true);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('button', { name: 'Submitting…' })).toBeVisible();
  await page.waitForTimeout(1500);
  await context.setOffline(false);

  // Back online: the paused submit goes through once and the next item appears.
  await expect(page.getByText('Describe the water cycle.')).toBeVisible({ timeout: 20_000 });
  const lines = (await exportLines(researcherApi, project.id, 'openai-chat')) as {
    messages: { role: string; content: string }[];
  }[];
  expect(lines).toHaveLength(1);
  expect(lines[0]?.messages.at(-1)).toEqual({ role: 'assistant', content: final });
});
