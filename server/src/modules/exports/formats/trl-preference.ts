import { rankingPairs } from '@feedbench/shared';
import type { ExportRecord } from '../exports.repository.ts';

/**
 * TRL conversational preference lines (DPOTrainer / RewardTrainer "prompt, chosen, rejected"), one per ordered pair
 * a ranking induces; tied outputs induce no pair.
 */
export function* trlPreferenceLines(record: ExportRecord): Generator<unknown> {
  for (const answer of Object.values(record.answers)) {
    if (answer.type !== 'ranking') continue;
    for (const [better, worse] of rankingPairs(answer.groups)) {
      const chosen = record.outputs.get(better);
      const rejected = record.outputs.get(worse);
      if (chosen === undefined || rejected === undefined) continue;
      yield {
        prompt: record.conversation,
        chosen: [{ role: 'assistant', content: chosen }],
        rejected: [{ role: 'assistant', content: rejected }],
      };
    }
  }
}
