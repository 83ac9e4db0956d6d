import type { Answers, JudgeJob } from '@feedbench/shared';
import type { Behaviour, ChatRequestBody, RecordedRequest } from '../../test/openai-compatible-server.ts';
import type { SignedIn, TestHarness } from '../../test/test-app.ts';

/** Test helpers for judges: what a judge was shown, and replies a test server gives as a judge. */

/** The outputs of a judge's prompt by label (judge-prompt.ts writes `## Output A` then the content). */
export function shownOutputs(body: ChatRequestBody | undefined): Map<string, string> {
  const user = body?.messages?.find((m) => m.role === 'user')?.content ?? '';
  return new Map([...user.matchAll(/## Output ([A-Z])\n\n([^\n]*)/g)].map((m) => [m[1] as string, m[2] as string]));
}

/** The item a judge's prompt is about: rankingLine's outputs read "Output <i> for <externalId>". */
export function promptItem(body: ChatRequestBody | undefined): string {
  return /Output \d+ for (\S+)/.exec([...shownOutputs(body).values()][0] ?? '')?.[1] ?? '';
}

/** The label under which the output of import id `o<i>` was shown. */
export function labelOf(body: ChatRequestBody | undefined, outputIndex: number): string {
  for (const [label, content] of shownOutputs(body)) if (content.startsWith(`Output ${outputIndex} `)) return label;
  throw new Error(`output o${outputIndex} not shown`);
}

/** A judge that answers a pairwise question `pair` preferring, per item, the output `pick(externalId)` (o0, o1). */
export function pairwiseJudge(pick: (externalId: string) => number) {
  return (request: RecordedRequest): Behaviour => {
    const preferred = labelOf(request.body, pick(promptItem(request.body)));
    const answers: Answers = { pair: { type: 'pairwise', verdict: 'preferred', preferred, strength: 'better' } };
    return { kind: 'reply', json: answers };
  };
}

export function pairwiseLine(id: string, metadata: Record<string, string> = {}) {
  return {
    id,
    prompt: `Prompt ${id}`,
    outputs: [0, 1].map((i) => ({ id: `o${i}`, model: `m${i}`, content: `Output ${i} for ${id}` })),
    metadata,
  };
}

export const PAIRWISE_SETTINGS = {
  overlapTarget: 2,
  questions: [{ id: 'pair', type: 'pairwise' as const, label: 'Which reply is better?' }],
};

/** Waits for the job to end in this process and returns it as the API reports it. */
export async function settledJob(h: TestHarness, who: SignedIn, projectId: string, job: JudgeJob): Promise<JudgeJob> {
  await h.services.judges.jobs.settle(job.id);
  const response = await h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/judge-jobs/${job.id}`,
    headers: who.headers,
  });
  return response.json();
}

/** Polls until `condition` holds (a background job's progress), failing after `timeoutMs`. */
export async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
