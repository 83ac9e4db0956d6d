import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Answers, mapOutputIds, type Task } from '@feedbench/shared';
import { expect, type Page } from '@playwright/test';

export interface FixtureItem {
  id: string;
  prompt: unknown;
  outputs?: { id: string; content: string }[];
}

export function fixture(name: string): { jsonl: string; items: FixtureItem[] } {
  const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name), 'utf8');
  const items = jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as FixtureItem);
  return { jsonl, items };
}

/**
 * Answers written with the fixture file's output ids, in the blind ids the annotator's task shows (annotators never
 * see the real ids): each output is found by its content, as a person would.
 */
export function asShown(task: Task, items: readonly FixtureItem[], answers: Answers): Answers {
  const source = items.find((i) => i.id === task.item.externalId)?.outputs ?? [];
  return mapOutputIds(answers, (id) => {
    const content = source.find((o) => o.id === id)?.content;
    return task.outputs.find((o) => o.content === content)?.id ?? id;
  });
}

/** The text of each output on screen, in label order (A, B, C...). */
export async function shownOutputs(page: Page): Promise<string[]> {
  const cards = page.getByRole('region', { name: 'Model outputs' }).getByRole('article');
  return (await cards.locator('.output-content').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/**
 * Checks that the display order the server recorded is the order the annotator saw: output A showed the text of
 * displayOrder[0], B of displayOrder[1], and so on (compared on rendered text, so on the words of the Markdown).
 */
export function expectRecordedOrder(shown: string[], item: FixtureItem | undefined, displayOrder: string[]) {
  const words = (text: string) =>
    text
      .replace(/[*`$#]/g, '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 4)
      .join(' ');
  expect(displayOrder).toHaveLength(shown.length);
  displayOrder.forEach((outputId, position) => {
    const content = item?.outputs?.find((o) => o.id === outputId)?.content ?? `(no output ${outputId})`;
    expect(shown[position], `output ${'ABCDEFGHI'[position]}`).toContain(words(content));
  });
}
