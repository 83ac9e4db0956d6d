import type { ExportItem } from './exports.repository.ts';

/**
 * The seam for "skip flagged outputs": the ids of the item's outputs that a flag rules out as a chosen, preferred or
 * desirable example (e.g. "harmful advice"). Feedbench has no flag answers yet, so nothing is flagged; when the flags
 * question lands, this reads the item's annotations' flag answers (any annotator's flag counts) and every format
 * honours it through `PreparedItem.flagged`, without touching the formats.
 */
export function flaggedOutputs(_item: ExportItem): ReadonlySet<string> {
  return new Set();
}
