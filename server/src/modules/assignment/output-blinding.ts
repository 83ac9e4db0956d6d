import { type Answers, mapOutputIds } from '@feedbench/shared';
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { itemOutputs } from '../../db/schema/index.ts';

/**
 * Annotators never see an item's real output ids: the researcher or the source dataset chose them ("chosen",
 * "gpt-4", or `a`/`b` placed by the source's judgement), so they can name the model or the preferred answer. They
 * see each output's random blind id (item_outputs.blind_id) instead. Every annotator-facing payload maps real to
 * blind (task outputs, drafts, their own reviewed answers); every annotator input maps blind to real (draft, submit),
 * so stored answers and exports keep the real ids.
 */
export interface OutputBlinding {
  toBlind(id: string): string | undefined;
  toReal(id: string): string | undefined;
  /** Stored answers (real ids) as the annotator sees them (blind ids); ids of no output of the item are dropped. */
  blindAnswers(answers: Answers): Answers;
  /** The annotator's answers (blind ids) as stored (real ids); ids the annotator was never shown are dropped. */
  realAnswers(answers: Answers): Answers;
}

export function outputBlinding(outputs: readonly { id: string; blindId: string }[]): OutputBlinding {
  const blind = new Map(outputs.map((o) => [o.id, o.blindId]));
  const real = new Map(outputs.map((o) => [o.blindId, o.id]));
  const toBlind = (id: string) => blind.get(id);
  const toReal = (id: string) => real.get(id);
  return {
    toBlind,
    toReal,
    blindAnswers: (answers) => mapOutputIds(answers, toBlind),
    realAnswers: (answers) => mapOutputIds(answers, toReal),
  };
}

/** The blind ids of the items' outputs (item_outputs is the items module's; only this column is read here). */
export function createOutputBlindingRepository(db: Executor) {
  return {
    async of(itemId: string): Promise<OutputBlinding> {
      const rows = await db
        .select({ id: itemOutputs.outputId, blindId: itemOutputs.blindId })
        .from(itemOutputs)
        .where(eq(itemOutputs.itemId, itemId));
      return outputBlinding(rows);
    },
    async ofItems(itemIds: string[]): Promise<Map<string, OutputBlinding>> {
      if (itemIds.length === 0) return new Map();
      const rows = await db
        .select({ itemId: itemOutputs.itemId, id: itemOutputs.outputId, blindId: itemOutputs.blindId })
        .from(itemOutputs)
        .where(inArray(itemOutputs.itemId, itemIds));
      const byItem = new Map<string, { id: string; blindId: string }[]>();
      for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row]);
      return new Map(itemIds.map((id) => [id, outputBlinding(byItem.get(id) ?? [])]));
    },
  };
}
