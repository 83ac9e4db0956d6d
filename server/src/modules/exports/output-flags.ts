import type { ExportItem } from './exports.repository.ts';

/** InstructGPT's metadata labels include one good one (Ouyang et al. 2022, Table 3): it never rules an output out. */
const POSITIVE_FLAGS = new Set(['satisfies-constraint']);
/** The flag id a pairwise safety label of "not safe" counts as (Llama 2's safety label, section 3.2.1). */
export const UNSAFE_FLAG = 'unsafe';

/**
 * The outputs a flag rules out as a chosen, preferred or desirable example (e.g. "harmful advice" chosen), from any
 * annotator's flags answers and pairwise safety labels. `only`: the comma-separated flag ids that count (`unsafe` for
 * safety labels); absent, every flag counts but the positive ones.
 */
export function flaggedOutputs(item: ExportItem, only: string | undefined): ReadonlySet<string> {
  const counted = only === undefined ? undefined : new Set(only.split(',').filter(Boolean));
  const counts = (flag: string) => (counted ? counted.has(flag) : !POSITIVE_FLAGS.has(flag));
  const flagged = new Set<string>();
  for (const annotation of item.annotations) {
    for (const answer of Object.values(annotation.answers)) {
      if (answer.type === 'flags') {
        for (const [outputId, flags] of Object.entries(answer.values)) if (flags.some(counts)) flagged.add(outputId);
      } else if (answer.type === 'pairwise' && counts(UNSAFE_FLAG)) {
        for (const [outputId, safe] of Object.entries(answer.safe ?? {})) if (!safe) flagged.add(outputId);
      }
    }
  }
  return flagged;
}
