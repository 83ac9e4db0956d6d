import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { annotationOf, storedAnnotations } from '../support/annotations.ts';
import { arrangeProject } from '../support/api.ts';
import { fixture } from '../support/fixtures.ts';
import { currentItem, nextItem, savePreset } from '../support/template-builder.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const { jsonl } = fixture('demonstration-items.jsonl');

test('SFT demonstration: the prompt labelled and the reply written with the keyboard only', async ({
  page,
  browser,
}) => {
  const { researcher, annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl);
  await signInQuietly(page, researcher);
  await savePreset(page, project.id, 'SFT demonstration');

  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const kb = annotatorPage.keyboard;
  const reply = annotatorPage.getByRole('textbox', { name: 'Write the ideal assistant reply' });

  // Item 1: "Open QA" is option 2; the digit moves the focus into the reply.
  const first = await currentItem(annotatorPage);
  await expect(
    annotatorPage.getByRole('radiogroup', { name: 'Category of the prompt' }).getByRole('radio').first(),
  ).toBeFocused();
  await expectNoAxeViolations(annotatorPage, 'the SFT demonstration annotator view');
  await kb.press('2');
  await expect(reply).toBeFocused();
  await kb.type('Use a **LEFT JOIN**.');
  await snap(annotatorPage, '24-annotate-sft-demonstration');
  await kb.press('Control+Enter');

  // Item 2: the reply first (Shift+Tab back to the labels), "Other" is option 10, the 0 key.
  const second = await nextItem(annotatorPage, first);
  await kb.press('0');
  await kb.type('Here is a haiku.');
  await kb.press('Control+Enter');
  await expect(annotatorPage.getByRole('heading', { name: 'No more items — thanks!' })).toBeVisible();

  const stored = await storedAnnotations(researcherApi, project.id);
  expect(annotationOf(stored, first)).toMatchObject({
    displayOrder: [],
    templateVersion: 2,
    answers: {
      category: { type: 'classification', selected: ['open-qa'] },
      reply: { type: 'demonstration', text: 'Use a **LEFT JOIN**.' },
    },
  });
  expect(annotationOf(stored, second).answers).toEqual({
    category: { type: 'classification', selected: ['other'] },
    reply: { type: 'demonstration', text: 'Here is a haiku.' },
  });
});
