import type { PreparedItem } from '../judgements.ts';
import { competitionRanks } from '../ranking-pairs.ts';

/**
 * Every judgement whole, losslessly: each output with its rank (ties kept), ratings, flag and model; per annotator
 * (the Open-Assistant request: the raw rankings, not only the merged ones) or as the consensus with its scores.
 */
export function* rankingsLines({ item, judgements, flagged }: PreparedItem): Generator<object> {
  for (const judgement of judgements) {
    const ranks = competitionRanks(judgement.groups);
    const outputs = item.outputs.map((output) => {
      const ratings: Record<string, number> = {};
      for (const [questionId, values] of judgement.ratings) {
        const value = values.get(output.id);
        if (value !== undefined) ratings[questionId] = value;
      }
      const score = judgement.scores?.get(output.id);
      return {
        id: output.id,
        model: output.model,
        content: output.content,
        rank: ranks.get(output.id) ?? item.outputs.length,
        ratings,
        flagged: flagged.has(output.id),
        ...(score === undefined ? {} : { score: Math.round(score * 1e6) / 1e6 }),
      };
    });
    yield {
      item_id: item.externalId,
      prompt: item.conversation,
      annotators: judgement.annotators,
      aggregation: judgement.method,
      outputs,
      ...(judgement.agreement === undefined
        ? {}
        : { agreement: judgement.agreement === null ? null : Math.round(judgement.agreement * 1e6) / 1e6 }),
      reference: item.reference,
      ...(judgement.submittedAt ? { submitted_at: judgement.submittedAt.toISOString() } : {}),
    };
  }
}
