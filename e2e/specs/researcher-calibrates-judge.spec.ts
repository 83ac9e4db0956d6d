import {
  type Answers,
  anchoringReportSchema,
  calibrationReportSchema,
  judgeListResponse,
  type Task,
} from '@feedbench/shared';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import type { Behaviour, RecordedRequest } from '../../server/src/test/openai-compatible-server.ts';
import { addMember, createAccount, createProject, importJsonl, nextTask, signedIn, submit } from '../support/api.ts';
import { ADMIN } from '../support/env.ts';
import { modelServerForThisFile } from '../support/model-server.ts';
import { signInQuietly, snap } from '../support/ui.ts';

/**
 * A researcher calibrates a model judge against two annotators, then runs the anchoring experiment: the judge (the
 * OpenAI-compatible test server, started here) prefers the output marked GOOD; the annotators answered half the items
 * before the judge ran, and annotate the rest under the experiment, where a seeded half of their assignments show the
 * judge's answer pre-filled.
 */
const ITEMS = 8;
const jsonl = Array.from({ length: ITEMS }, (_, i) =>
  JSON.stringify({
    id: `q${i}`,
    prompt: `Question ${i}: explain tides.`,
    outputs: [
      { id: 'first', model: 'alpha', content: i % 2 === 0 ? `GOOD answer ${i}` : `poor answer ${i}` },
      { id: 'second', model: 'beta', content: i % 2 === 0 ? `poor answer ${i}` : `GOOD answer ${i}` },
    ],
  }),
).join('\n');
const QUESTION = 'Which reply is better?';

/**
 * The judge: prefers the output whose content starts with GOOD, by the label it was shown under. As a reward model
 * (vLLM's POST /pooling) the same server scores a GOOD output 1 and any other -1.
 */
function goodJudge(request: RecordedRequest): Behaviour {
  if (request.path === '/pooling') {
    const output = request.body?.messages?.at(-1)?.content ?? '';
    return { kind: 'reply', json: [output.startsWith('GOOD') ? 1 : -1] };
  }
  const prompt = request.body?.messages?.find((m) => m.role === 'user')?.content ?? '';
  const good = /## Output ([A-Z])\n\nGOOD/.exec(prompt)?.[1] ?? 'A';
  const answers: Answers = { pair: { type: 'pairwise', verdict: 'preferred', preferred: good, strength: 'better' } };
  return { kind: 'reply', json: answers };
}

/** A pairwise answer preferring the GOOD output (or the other one), in the blind ids the task shows. */
function prefer(task: Task, good: boolean): Answers {
  const target = task.outputs.find((o) => o.content.startsWith('GOOD') === good);
  return { pair: { type: 'pairwise', verdict: 'preferred', preferred: target?.id ?? '', strength: 'better' } };
}

async function annotateByApi(as: APIRequestContext, projectId: string, count: number, good: (n: number) => boolean) {
  for (let n = 0; n < count; n++) {
    const task = await nextTask(as, projectId);
    if (!task) throw new Error('no task');
    await submit(as, task.leaseId, { idempotencyKey: crypto.randomUUID(), answers: prefer(task, good(n)) });
  }
}

/** Annotates every remaining item in the UI: a pre-filled suggestion is submitted as is, else "A better". */
async function annotateInUi(page: Page, projectId: string): Promise<{ suggested: number; plain: number }> {
  await page.goto(`/projects/${projectId}/annotate`);
  const counts = { suggested: 0, plain: 0 };
  const scale = page.getByRole('radiogroup', { name: QUESTION });
  const finished = page.getByRole('heading', { name: /No more items/ });
  for (;;) {
    await expect(scale.or(finished).first()).toBeVisible();
    if (await finished.isVisible()) return counts;
    const item = await page.locator('[data-lease]').getAttribute('data-lease');
    const notice = page.getByRole('note', { name: /Suggested by the model judge/ });
    if (await notice.isVisible()) {
      counts.suggested++;
      // Pre-filled and marked: a point of the scale is already chosen.
      await expect(scale.getByRole('radio', { checked: true })).toHaveCount(1);
    } else {
      counts.plain++;
      await expect(scale.getByRole('radio', { checked: true })).toHaveCount(0);
      await scale.getByRole('radio').first().focus();
      await page.keyboard.press('2');
    }
    await page.keyboard.press('Control+Enter');
    await expect(page.locator(`[data-lease="${item}"]`)).toHaveCount(0);
  }
}

const modelServer = modelServerForThisFile();

test('a researcher runs a judge, reads its agreement with the annotators, and measures anchoring', async ({
  page,
  browser,
}) => {
  test.slow();
  const model = modelServer();
  model.behave(goodJudge);
  const researcher = await createAccount('researcher');
  const annotators = [await createAccount('annotator', 'ann1'), await createAccount('annotator', 'ann2')] as const;
  const researcherApi = await signedIn(researcher);
  const project = await createProject(researcherApi, {
    name: `Judged ${Date.now().toString(36)}`,
    kind: 'ranking',
    settings: { overlapTarget: 2, questions: [{ id: 'pair', type: 'pairwise', label: QUESTION }] },
  });
  await importJsonl(researcherApi, project.id, jsonl);
  const annotatorApis = [await signedIn(annotators[0]), await signedIn(annotators[1])] as const;
  for (const annotator of annotators) await addMember(researcherApi, project.id, annotator.email, 'annotator');
  // The admin connects the test server to the project's workspace.
  const adminApi = await signedIn(ADMIN);
  const connection = await adminApi.post('/api/model-connections', {
    data: { workspaceId: project.workspaceId, name: `Test judge ${Date.now()}`, baseUrl: model.url, model: 'judge-1' },
  });
  expect(connection.status(), await connection.text()).toBe(201);
  // Specs running beside this one add connections to the same workspace: this one is picked by id, not by position.
  const { id: connectionId } = (await connection.json()) as { id: string };

  // Before the judge: both annotators answer half of the items (the second disagrees with the GOOD output once).
  await annotateByApi(annotatorApis[0], project.id, ITEMS / 2, () => true);
  await annotateByApi(annotatorApis[1], project.id, ITEMS / 2, (n) => n !== 0);

  // The researcher makes a judge of the connection and runs it over every item.
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Judges', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Model judges' })).toBeVisible();
  await page.getByLabel('Name').fill('Tide judge');
  await page.getByLabel('Model connection', { exact: true }).selectOption(connectionId);
  await page.getByRole('button', { name: 'Create judge' }).click();
  await expect(page.getByRole('table', { name: 'Judges' })).toContainText('Tide judge');
  await page.getByRole('button', { name: 'Start judging' }).click();
  const jobs = page.getByRole('list', { name: 'Judging jobs' });
  await expect(jobs.getByRole('status')).toHaveText(`${ITEMS} of ${ITEMS} answered, 0 failed`);
  await expect(jobs).toContainText('Done');

  // The same server as a reward model scores every output (the score-margin order reads the scores).
  await page.getByLabel('Reward model connection').selectOption(connectionId);
  await page.getByRole('button', { name: 'Score outputs' }).click();
  const scoring = page.getByRole('list', { name: 'Scoring jobs' });
  await expect(scoring.getByRole('status')).toHaveText(`${ITEMS} of ${ITEMS} items scored, 0 failed`);
  await expect(scoring).toContainText('Done');

  // Calibration: judge vs human beside human vs human, with bootstrap intervals.
  const calibration = page.getByRole('table', { name: 'Tide judge' });
  await page.reload();
  await expect(calibration).toBeVisible();
  const agreementRow = calibration.getByRole('row').filter({ hasText: 'Pairwise agreement' });
  await expect(agreementRow).toContainText('[');
  const report = calibrationReportSchema.parse(
    await (await researcherApi.get(`/api/projects/${project.id}/calibration`)).json(),
  );
  const judged = report.judges[0]?.questions[0];
  // 4 items, 8 human answers; the judge agrees with 7 of them (the second annotator's one dissent).
  expect(judged?.items).toBe(ITEMS / 2);
  expect(judged?.judgeVsHumans.find((e) => e.estimate === 'pairwise-agreement')?.value).toBeCloseTo(7 / 8, 12);
  expect(judged?.humans.find((e) => e.estimate === 'pairwise-agreement')?.value).toBeCloseTo(3 / 4, 12);
  await snap(page, '60-judge-calibration');

  // The judge is one more row of the agreement dashboard's annotator table, marked as a judge.
  await page.goto(`/projects/${project.id}/agreement`);
  await expect(page.getByRole('row').filter({ hasText: 'Tide judge' })).toContainText('Model judge');
  // Its drill-down: the one item where it differs from a human (the second annotator's dissent), every answer shown.
  await page.getByRole('link', { name: 'Tide judge' }).click();
  await expect(page.getByRole('heading', { name: 'Where Tide judge disagrees with the annotators' })).toBeVisible();
  const drillDown = page.getByRole('table', { name: /^1 item with disagreement/ });
  await expect(drillDown).toBeVisible();
  await expect(drillDown).toContainText('Tide judge');
  for (const annotator of annotators) await expect(drillDown).toContainText(annotator.email);
  await snap(page, '60b-judge-drill-down');

  // The experiment: a seeded half of the assignments show the judge's answer.
  await page.goto(`/projects/${project.id}/judges`);
  await page.getByRole('radio', { name: /Experiment/ }).check();
  await page.getByLabel('Judge whose answers are suggested').selectOption({ label: 'Tide judge' });
  await page.getByLabel('Experiment seed').fill('7');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // Both annotators annotate the remaining items in the UI.
  const shown = { suggested: 0, plain: 0 };
  for (const annotator of annotators) {
    const annotatorPage = await (await browser.newContext()).newPage();
    await signInQuietly(annotatorPage, annotator);
    const counts = await annotateInUi(annotatorPage, project.id);
    shown.suggested += counts.suggested;
    shown.plain += counts.plain;
    await annotatorPage.context().close();
  }
  expect(shown.suggested + shown.plain).toBe(ITEMS);

  // The anchoring report: agreement with the judge in each arm, and the difference with its interval.
  await page.reload();
  const anchoring = page.getByRole('table', { name: 'Anchoring report' });
  await expect(anchoring).toBeVisible();
  await expect(anchoring.getByRole('row', { name: QUESTION })).toBeVisible();
  const anchoringReport = anchoringReportSchema.parse(
    await (await researcherApi.get(`/api/projects/${project.id}/anchoring`)).json(),
  );
  const [question] = anchoringReport.questions;
  expect(question?.shown.annotations).toBe(shown.suggested);
  expect(question?.hidden.annotations).toBe(shown.plain);
  // Shown answers were submitted as suggested: they all agree with the judge.
  if (shown.suggested > 0) expect(question?.shown.agreement).toBe(1);
  await snap(page, '61-anchoring-report');

  const judges = judgeListResponse.parse(await (await researcherApi.get(`/api/projects/${project.id}/judges`)).json());
  expect(judges.judges[0]?.answered).toBe(ITEMS);

  // The leaderboard of the items' models from the humans' preferences: a rating with its interval for each.
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Leaderboard', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Model leaderboard' })).toBeVisible();
  await expect(page.getByText(`${ITEMS * 2} comparisons from ${ITEMS * 2} answers on ${ITEMS} items.`)).toBeVisible();
  const ratings = page.getByRole('table', { name: 'Ratings' }).getByRole('row');
  await expect(ratings).toHaveCount(3);
  await expect(ratings.getByRole('rowheader')).toHaveText([/alpha|beta/, /alpha|beta/]);
  for (const index of [1, 2]) await expect(ratings.nth(index).getByRole('cell').nth(2)).toHaveText(/\d+ – \d+/);
  await snap(page, '62-judged-project-leaderboard');
});
