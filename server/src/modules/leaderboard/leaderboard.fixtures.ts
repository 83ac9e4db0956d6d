import type { Task } from '@feedbench/shared';
import { nextTask, type Person, submitTask, withRealIds } from '../../test/annotating.ts';
import type { TestHarness } from '../../test/test-app.ts';

/**
 * Six items of three outputs (models alpha, beta, gamma; beta's output on item 5 has no model). Category "code"
 * (items 0-3): every annotator ranks alpha > beta > gamma. Category "chat" (items 4-5): gamma > beta > alpha, and on
 * item 4 gamma's output is long. Two annotators answer every item (overlap 2).
 */
const MODELS = ['alpha', 'beta', 'gamma'];
export const leaderboardLines = Array.from({ length: 6 }, (_, i) => ({
  id: `item-${i}`,
  prompt: `Prompt ${i}`,
  metadata: { category: i < 4 ? 'code' : 'chat' },
  outputs: MODELS.map((model, k) => ({
    id: `o${k}`,
    ...(i === 5 && model === 'beta' ? {} : { model }),
    content: i === 4 && model === 'gamma' ? 'long '.repeat(200) : `Output ${model} ${i}`,
  })),
}));

/** The fixture's answers for a task (named by the file's output ids). */
function answersFor(task: Task) {
  const code = Number(task.item.externalId.split('-')[1]) < 4;
  const order = code ? ['o0', 'o1', 'o2'] : ['o2', 'o1', 'o0'];
  return {
    rank: { type: 'ranking' as const, groups: order.map((id) => [id]) },
    quality: { type: 'rating' as const, values: Object.fromEntries(order.map((id, i) => [id, 7 - i])) },
  };
}

/** The fixture's project, imported and fully annotated by two annotators through the API. */
export async function seedLeaderboardProject(h: TestHarness) {
  const researcher = await h.user('researcher');
  const annotators = [await h.user('annotator'), await h.user('annotator')];
  const project = await h.project(researcher, { kind: 'ranking' });
  const patched = await h.app.inject({
    method: 'PATCH',
    url: `/api/projects/${project.id}`,
    headers: researcher.headers,
    payload: { overlapTarget: 2 },
  });
  if (patched.statusCode !== 200) throw new Error(`overlap: ${patched.body}`);
  const imported = await h.importItems(researcher, project.id, leaderboardLines);
  if (imported.statusCode !== 200) throw new Error(`import: ${imported.body}`);
  for (const person of annotators) {
    await h.addMember(researcher, project.id, person);
    for (;;) {
      const task = await nextTask(h, person, project.id);
      if (!task) break;
      const submitted = await submitTask(h, person, task, answersFor(await withRealIds(h, task)));
      if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
    }
  }
  return { projectId: project.id, researcher, annotators: annotators as [Person, Person] };
}
