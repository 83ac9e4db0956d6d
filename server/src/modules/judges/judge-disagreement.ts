import { type Answers, disagreement, hasDisagreement, type Question } from '@feedbench/shared';

/**
 * Per item, how much its judges disagree, 0 (all agree) .. 1, for the assignment engine's selection policies (humans
 * first where judges disagree): the mean, over the template's questions with a disagreement measure (the adjudication
 * queue's, shared/src/questions), of the disagreement among the item's judges (two or more) and of each judge with
 * the human majority answer when humans answered (the most common answer, first submitted on a tie). Items no judge
 * answered are absent.
 */
export function judgeDisagreementScores(
  questions: readonly Question[],
  judgeAnswers: readonly { itemId: string; answers: Answers }[],
  humanAnswers: readonly { itemId: string; answers: Answers }[],
): Map<string, number> {
  const byItem = (rows: readonly { itemId: string; answers: Answers }[]) => {
    const map = new Map<string, Answers[]>();
    for (const row of rows) map.set(row.itemId, [...(map.get(row.itemId) ?? []), row.answers]);
    return map;
  };
  const judges = byItem(judgeAnswers);
  const humans = byItem(humanAnswers);
  const measured = questions.filter(hasDisagreement);
  const scores = new Map<string, number>();
  for (const [itemId, answers] of judges) {
    const parts: number[] = [];
    for (const question of measured) {
      const given = answers.map((a) => a[question.id]).filter((a) => a !== undefined);
      if (given.length >= 2) parts.push(disagreement(question, given));
      const majority = majorityAnswer((humans.get(itemId) ?? []).map((a) => a[question.id]));
      if (majority !== undefined) for (const answer of given) parts.push(disagreement(question, [answer, majority]));
    }
    const defined = parts.filter((p) => Number.isFinite(p));
    scores.set(
      itemId,
      defined.length > 0 ? Math.min(1, Math.max(0, defined.reduce((a, b) => a + b) / defined.length)) : 0,
    );
  }
  return scores;
}

/**
 * How much one judge answer differs from one human answer, 0 .. 1: the mean over the template's questions with a
 * disagreement measure that both answered (NaN when none is comparable).
 */
export function answerDisagreement(questions: readonly Question[], judge: Answers, human: Answers): number {
  const parts = questions
    .filter(hasDisagreement)
    .flatMap((q) =>
      judge[q.id] !== undefined && human[q.id] !== undefined ? [disagreement(q, [judge[q.id], human[q.id]])] : [],
    )
    .filter((p) => Number.isFinite(p));
  return parts.length > 0 ? parts.reduce((a, b) => a + b) / parts.length : Number.NaN;
}

/**
 * The answer a reward model's scores imply, for the questions that compare outputs (ranking: outputs by score, equal
 * scores tied; pairwise: the higher-scored output preferred, equal scores a tie), so the judge-disagreement order can
 * count a judge that disagrees with the reward model (issue 14: "judges disagree with each other or with a
 * reward-model score"). Items with an output left unscored give none.
 */
export function rewardModelAnswers(
  questions: readonly Question[],
  outputScores: readonly { itemId: string; outputs: { id: string; score: number | null }[] }[],
): { itemId: string; answers: Answers }[] {
  const rows: { itemId: string; answers: Answers }[] = [];
  for (const { itemId, outputs } of outputScores) {
    if (outputs.length < 2 || outputs.some((o) => o.score === null)) continue;
    const scored = [...outputs].sort((a, b) => (b.score as number) - (a.score as number));
    const groups: string[][] = [];
    let last: number | null = null;
    for (const output of scored) {
      if (output.score === last) groups.at(-1)?.push(output.id);
      else groups.push([output.id]);
      last = output.score;
    }
    const answers: Answers = {};
    for (const question of questions) {
      if (question.type === 'ranking') answers[question.id] = { type: 'ranking', groups };
      if (question.type === 'pairwise' && outputs.length === 2) {
        const [first] = groups;
        answers[question.id] =
          first && first.length === 1
            ? { type: 'pairwise', verdict: 'preferred', preferred: first[0] }
            : { type: 'pairwise', verdict: 'tie' };
      }
    }
    if (Object.keys(answers).length > 0) rows.push({ itemId, answers });
  }
  return rows;
}

/** JSON with object keys sorted, so two equal answers written in another key order read as one. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function majorityAnswer<T>(answers: readonly (T | undefined)[]): T | undefined {
  const counts = new Map<string, { answer: T; count: number }>();
  let best: { answer: T; count: number } | undefined;
  for (const answer of answers) {
    if (answer === undefined) continue;
    const key = canonical(answer);
    const entry = counts.get(key) ?? { answer, count: 0 };
    entry.count++;
    counts.set(key, entry);
    if (!best || entry.count > best.count) best = entry;
  }
  return best?.answer;
}
