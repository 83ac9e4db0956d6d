import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Answers, mapOutputIds, type Task, type User } from '@feedbench/shared';
import type { SessionUser } from '../modules/auth/auth.service.ts';
import { demoItemsFile } from '../paths.ts';
import type { Services } from '../services.ts';

/**
 * The demo's annotators beside the one who signs in: their work is seeded so every screen has data on first start.
 * They never sign in (their passwords are random and not printed).
 */
export const DEMO_ANNOTATORS = ['ana', 'ben', 'chen', 'dana'].map((name) => `${name}.demo@feedbench.local`);

/** The demo items' outputs from best to worst, as the demo guidelines judge them (output ids of demo-items.jsonl). */
const QUALITY_ORDER = ['a', 'd', 'c', 'b'];

/** How each demo annotator ranks, so agreement, disagreement and position bias all have something to show. */
type Style = 'careful' | 'prefers-chat' | 'first-shown' | 'ties-the-middle';
const STYLES: Style[] = ['careful', 'prefers-chat', 'first-shown', 'ties-the-middle'];

const session = (user: User): SessionUser => ({ ...user, createdAt: new Date(user.createdAt) });

/**
 * Annotators see blind output ids (assignment/output-blinding.ts); the demo's judgements name the file's ids. Like an
 * annotator, the seed tells outputs apart by what they say: each shown output's content is looked up in the demo file.
 */
type FileIds = Map<string, Map<string, string>>;
async function demoFileIds(): Promise<FileIds> {
  const lines = (await readFile(demoItemsFile, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return new Map(
    lines.map((line) => {
      const item = JSON.parse(line) as { id: string; outputs?: { id: string; content: string }[] };
      return [item.id, new Map((item.outputs ?? []).map((o) => [o.content, o.id]))];
    }),
  );
}

/** The task as the demo file names its outputs, and a way back to the ids it shows. */
function inFileIds(task: Task, fileIds: FileIds) {
  const byContent = fileIds.get(task.item.externalId) ?? new Map<string, string>();
  const toFile = new Map(task.outputs.map((o) => [o.id, byContent.get(o.content) ?? o.id]));
  const toShown = new Map([...toFile].map(([shown, file]) => [file, shown]));
  return {
    task: { ...task, outputs: task.outputs.map((o) => ({ ...o, id: toFile.get(o.id) ?? o.id })) },
    shown: (answers: Answers) => mapOutputIds(answers, (id) => toShown.get(id) ?? id),
  };
}

/** A ranking and ratings for one task, in the annotator's style; `round` varies the styles across items. */
function rankingAnswers(task: Task, style: Style, round: number): Answers {
  const shown = task.outputs.map((o) => o.id);
  const best = QUALITY_ORDER.filter((id) => shown.includes(id));
  let groups: string[][];
  if (style === 'prefers-chat' && round % 2 === 0) {
    // Swaps the top two on every other item: the disagreement queue and adjudication get work.
    const swapped = [best[1], best[0], ...best.slice(2)].filter((id): id is string => id !== undefined);
    groups = swapped.map((id) => [id]);
  } else if (style === 'first-shown' && round % 3 !== 2) {
    // Ranks in the order shown: what the position-bias figure is there to catch.
    groups = shown.map((id) => [id]);
  } else if (style === 'ties-the-middle') {
    groups = [[best[0] as string], best.slice(1, 3), best.slice(3)].filter((g) => g.length > 0);
  } else {
    groups = best.map((id) => [id]);
  }
  const rank = new Map(groups.flatMap((group, i) => group.map((id) => [id, i] as const)));
  return {
    rank: { type: 'ranking', groups },
    quality: {
      type: 'rating',
      values: Object.fromEntries(shown.map((id) => [id, Math.max(1, 7 - 2 * (rank.get(id) ?? 3))])),
    },
  };
}

/**
 * Seeds annotations, reviews, a gold item and an adjudication through the real services (claim, submit, review,
 * mark gold, adjudicate), so every invariant of those paths holds for the demo data too.
 */
export async function seedDemoWork(
  services: Services,
  args: { researcher: User; annotator: User; rankingProjectId: string; demonstrationProjectId: string },
) {
  const researcher = session(args.researcher);
  const annotators: SessionUser[] = [];
  for (const email of DEMO_ANNOTATORS) {
    const user = await services.auth.createUser({
      email,
      password: randomBytes(18).toString('base64url'),
      role: 'annotator',
    });
    annotators.push(session(user));
    for (const projectId of [args.rankingProjectId, args.demonstrationProjectId]) {
      await services.projects.addMember(researcher, projectId, { email, role: 'annotator' });
    }
  }

  // Ranking: six rounds of four annotators fill eight items to the overlap target of three, leaving four items
  // (and every replaced rejection) for the annotator who signs in.
  const submitted: { annotationId: string; itemId: string; annotator: number }[] = [];
  const fileIds = await demoFileIds();
  for (let round = 0; round < 6; round++) {
    for (const [index, annotator] of annotators.entries()) {
      const task = await services.annotations.nextTask(annotator, args.rankingProjectId);
      if (!task) continue;
      const style = STYLES[index] ?? 'careful';
      const named = inFileIds(task, fileIds);
      const result = await services.annotations.submit(annotator, task.leaseId, {
        idempotencyKey: randomUUID(),
        answers: named.shown(rankingAnswers(named.task, style, round + index)),
        timeOnTaskMs: 40_000 + 7_000 * index + 3_000 * round,
      });
      submitted.push({ annotationId: result.annotationId, itemId: task.item.id, annotator: index });
    }
  }

  // Review: accept some careful work, reject one position-biased answer (its item goes back to the pool).
  const byAnnotator = (index: number) => submitted.filter((s) => s.annotator === index);
  for (const accepted of byAnnotator(0).slice(0, 3)) {
    await services.review.review(researcher, accepted.annotationId, { verdict: 'accepted' });
  }
  const biased = byAnnotator(2)[0];
  if (biased) {
    await services.review.review(researcher, biased.annotationId, {
      verdict: 'rejected',
      comment: 'This ranking follows the order the outputs were shown in; judge each reply on its content.',
    });
  }

  // Gold: one fully annotated item becomes a control item with the guidelines' ranking as its reference answer.
  const goldItem = submitted.find((s) => s.annotator === 1)?.itemId;
  if (goldItem) {
    const order = QUALITY_ORDER.map((id) => [id]);
    await services.gold.mark(researcher, args.rankingProjectId, goldItem, {
      rank: { type: 'ranking', groups: order },
      quality: { type: 'rating', values: { a: 7, d: 5, c: 3, b: 1 } },
    });
  }

  // Adjudication: one item the annotators disagreed on gets a settled ranking.
  const disputed = submitted.find((s) => s.annotator === 1 && s.itemId !== goldItem)?.itemId;
  if (disputed) {
    await services.adjudication.adjudicate(researcher, args.rankingProjectId, disputed, {
      answers: {
        rank: { type: 'ranking', groups: QUALITY_ORDER.map((id) => [id]) },
        quality: { type: 'rating', values: { a: 7, d: 6, c: 4, b: 1 } },
      },
    });
  }

  // Demonstrations: two annotators write replies for three items each, so SFT exports have lines.
  for (const annotator of annotators.slice(0, 2)) {
    for (let i = 0; i < 3; i++) {
      const task = await services.annotations.nextTask(annotator, args.demonstrationProjectId);
      if (!task) break;
      const best = inFileIds(task, fileIds).task.outputs.find((o) => o.id === 'a')?.content;
      await services.annotations.submit(annotator, task.leaseId, {
        idempotencyKey: randomUUID(),
        answers: { reply: { type: 'demonstration', text: best ?? 'Here is a clear, friendly answer.' } },
        timeOnTaskMs: 120_000,
      });
    }
  }
}
