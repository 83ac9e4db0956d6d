import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rankingPairs } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { arrangeProject, exportLines } from '../support/api.ts';
import { currentItemId, dragAndDrop, signInThroughForm, snap } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ranking-items.jsonl'), 'utf8');
const items = jsonl
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; outputs: { id: string; content: string }[] });

/** Output contents by the label this annotator sees (display order is shuffled per lease). */
async function outputsByLabel(page: Page): Promise<Map<string, string>> {
  const byLabel = new Map<string, string>();
  for (const label of ['A', 'B', 'C']) {
    const card = page.getByRole('article', { name: `Output ${label}` });
    const text = ((await card.locator('.output-content').textContent()) ?? '').trim();
    byLabel.set(label, text);
  }
  return byLabel;
}

/** The imported output whose rendered text is `shown` (Markdown emphasis is gone once rendered). */
function contentOf(itemId: string, shown: string): string {
  const item = items.find((i) => i.id === itemId);
  const output = item?.outputs.find(
    (o) => o.content.replace(/\*\*/g, '').replace(/\s+/g, ' ') === shown.replace(/\s+/g, ' '),
  );
  if (!output) throw new Error(`no output of ${itemId} renders as ${shown}`);
  return output.content;
}

async function rateAll(page: Page, values: Record<string, number>) {
  for (const [label, value] of Object.entries(values)) {
    await page
      .getByRole('radiogroup', { name: `Overall quality for output ${label}` })
      // A labelled end point is named with its label too ("7: Excellent").
      .getByRole('radio', { name: new RegExp(`^${value}(: .+)?$`) })
      .check();
  }
}

test('an annotator ranks with the keyboard and by drag and drop, rates every output, and the export has the pairs', async ({
  page,
}) => {
  const { annotator, researcherApi, project } = await arrangeProject(
    'ranking',
    jsonl,
    'Rank **correct** answers first.',
  );
  await signInThroughForm(page, annotator);
  await page.getByRole('listitem', { name: project.name }).getByRole('link', { name: 'Start annotating' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/annotate$`));

  const expectedPairs: [string, string][] = [];
  const submitButton = page.getByRole('button', { name: /^Submit/ });
  const board = page.getByRole('region', { name: 'Rank the outputs, best first' });

  // Item 1, by keyboard: A best; B and C tied below it.
  const firstItem = await currentItemId(page);
  await expect(page.getByRole('region', { name: 'Guidelines' })).toContainText('Rank correct answers first.');
  await page.keyboard.press('g');
  await expect(page.getByRole('button', { name: /Guidelines/ })).toHaveAttribute('aria-expanded', 'false');
  const shown1 = await outputsByLabel(page);
  await expect(submitButton).toBeDisabled();
  await expect(page.getByRole('status', { name: 'Before you submit' })).toContainText(
    '"Rank the outputs, best first" is required',
  );

  await board.getByRole('button', { name: 'Output A, unranked' }).focus();
  await page.keyboard.press('1');
  // Focus follows the chip into its new row, so the next key still applies to it.
  await expect(
    board.getByRole('group', { name: 'Rank 1' }).getByRole('button', { name: 'Output A, rank 1' }),
  ).toBeFocused();
  await board.getByRole('button', { name: 'Output B, unranked' }).focus();
  await page.keyboard.press('2');
  // Digits work on the output card itself as well.
  await page.getByRole('article', { name: 'Output C' }).focus();
  await page.keyboard.press('2');
  const tie = board.getByRole('group', { name: 'Rank 2' });
  await expect(tie.getByRole('button')).toHaveCount(2);
  await expect(tie).toContainText('tie');

  await rateAll(page, { A: 7, B: 4, C: 3 });
  await expect(page.getByRole('status', { name: 'Before you submit' })).toHaveText('✓ Ready to submit');
  await expect(submitButton).toBeEnabled();
  await snap(page, '05-ranking-keyboard');
  const [a1, b1, c1] = ['A', 'B', 'C'].map((l) => contentOf(firstItem, shown1.get(l) ?? '')) as [
    string,
    string,
    string,
  ];
  expectedPairs.push(...rankingPairs([[a1], [b1, c1]]).map(([x, y]) => [x, y] as [string, string]));
  await page.keyboard.press('Control+Enter');

  // Item 2, by drag and drop: C best, then A, then B.
  await expect(page.getByText(/^item /)).not.toHaveText(`item ${firstItem}`);
  const secondItem = await currentItemId(page);
  const shown2 = await outputsByLabel(page);
  const dragToRank = async (label: string, rank: number) => {
    await dragAndDrop(
      page,
      board.getByRole('button', { name: new RegExp(`^Output ${label},`) }),
      board.getByRole('group', { name: `Rank ${rank}` }),
    );
    await expect(
      board.getByRole('group', { name: `Rank ${rank}` }).getByRole('button', { name: `Output ${label}, rank ${rank}` }),
    ).toBeVisible();
  };
  await dragToRank('C', 1);
  await dragToRank('A', 2);
  await dragToRank('B', 3);
  // Moving an output again re-places it: B to rank 2 ties it with A, then back to 3.
  await dragToRank('B', 2);
  await expect(board.getByRole('group', { name: 'Rank 2' }).getByRole('button')).toHaveCount(2);
  await dragToRank('B', 3);
  await expect(board.getByRole('group', { name: 'Unranked' }).getByRole('button')).toHaveCount(0);

  await rateAll(page, { A: 5, B: 2, C: 6 });
  await snap(page, '06-ranking-dnd');
  const [a2, b2, c2] = ['A', 'B', 'C'].map((l) => contentOf(secondItem, shown2.get(l) ?? '')) as [
    string,
    string,
    string,
  ];
  expectedPairs.push(...rankingPairs([[c2], [a2], [b2]]).map(([x, y]) => [x, y] as [string, string]));
  await submitButton.click();

  await expect(page.getByRole('heading', { name: 'No more items — thanks!' })).toBeVisible();
  await snap(page, '07-no-more-items');

  // What was ranked in the browser is what the researcher exports: one line per ordered pair, ties skipped.
  const lines = (await exportLines(researcherApi, project.id, 'trl-preference')) as {
    chosen: { content: string }[];
    rejected: { content: string }[];
  }[];
  const exported = lines.map((l) => [l.chosen[0]?.content, l.rejected[0]?.content]);
  expect(exported).toHaveLength(2 + 3);
  expect(new Set(exported.map((p) => JSON.stringify(p)))).toEqual(new Set(expectedPairs.map((p) => JSON.stringify(p))));
});
