import type {
  ItemDetailResponse,
  ItemListResponse,
  ItemState,
  ItemSummary,
  itemListQuery,
  RewardScoreProvenance,
} from '@feedbench/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { itemBrowserErrors } from './item-browser.errors.ts';
import { createItemBrowserRepository, type ItemSummaryRow } from './item-browser.repository.ts';

type ListQuery = z.output<typeof itemListQuery>;

/** The researcher's item browser: keyset pages of items with their state, and one item with its annotations. */
export function createItemBrowserService({
  db,
  clock,
  projects,
  scoreProvenance,
}: {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'accessAsResearcher'>;
  /** Item id -> output id -> the scoring job behind the output's current score (judges module, built later). */
  scoreProvenance?: (itemIds: readonly string[]) => Promise<Map<string, Map<string, RewardScoreProvenance>>>;
}) {
  return {
    async list(user: SessionUser, projectId: string, query: ListQuery): Promise<ItemListResponse> {
      const project = await projects.accessAsResearcher(user, projectId);
      const repo = createItemBrowserRepository(db);
      const target = project.settings.overlapTarget;
      const now = clock.now();
      const meta = (query.meta ?? []).map(parseMetaFilter);
      // An exact external id is one index lookup: it answers alone, before any text search.
      if (query.q !== undefined && query.cursor === undefined) {
        const exact = await repo.byExternalId(project.id, query.q, now);
        if (exact) {
          const item = toSummary(exact, target);
          const kept = (!query.state || inState(item, query.state)) && meta.every((m) => matchesMeta(item, m));
          return { items: kept ? [item] : [], nextCursor: null };
        }
      }
      const page = await repo.page({
        projectId: project.id,
        overlapTarget: target,
        after: query.cursor === undefined ? 0 : Number(query.cursor),
        limit: query.limit,
        state: query.state,
        text: query.q,
        meta,
        now,
      });
      const listed = page.rows.slice(0, query.limit).map((row) => toSummary(row, target));
      const last = listed.at(-1);
      let nextCursor: string | null = null;
      if (page.rows.length > query.limit && last) nextCursor = String(last.position);
      // A search window read to its end without filling the page: the next page reads on from there.
      else if (page.scanned >= page.window && page.scannedTo !== null) nextCursor = String(page.scannedTo);
      return { items: listed, nextCursor };
    },

    async detail(user: SessionUser, projectId: string, itemId: string): Promise<ItemDetailResponse> {
      const project = await projects.accessAsResearcher(user, projectId);
      const found = await createItemBrowserRepository(db).detail(project.id, itemId, clock.now());
      if (!found) throw itemBrowserErrors.notFound();
      const scored = found.outputs.some((o) => o.score !== null) && scoreProvenance;
      const scoredBy = scored ? (await scoreProvenance([itemId])).get(itemId) : undefined;
      return {
        item: {
          ...toSummary(found.row, project.settings.overlapTarget),
          conversation: found.row.conversation,
          outputs: found.outputs.map((o) => ({
            id: o.output_id,
            model: o.model,
            content: o.content,
            provenance: o.provenance,
            score: o.score,
            scoreProvenance: scoredBy?.get(o.output_id) ?? null,
          })),
        },
        annotations: found.annotations.map((a) => ({
          id: a.id,
          annotatorEmail: a.email,
          answers: a.answers,
          displayOrder: a.display_order,
          submittedAt: new Date(a.submitted_at).toISOString(),
          review: a.verdict ? { verdict: a.verdict, comment: a.comment } : null,
        })),
        skips: found.skips.map((k) => ({ annotatorEmail: k.email, reason: k.reason, comment: k.comment })),
      };
    },
  };
}
export type ItemBrowserService = ReturnType<typeof createItemBrowserService>;

function toSummary(row: ItemSummaryRow, overlapTarget: number): ItemSummary {
  const annotations = Number(row.annotation_count);
  return {
    id: row.id,
    externalId: row.external_id,
    position: Number(row.position),
    prompt: row.prompt ?? '',
    metadata: row.metadata,
    annotations,
    overlapTarget,
    status: annotations >= overlapTarget ? 'complete' : annotations > 0 || row.live ? 'in-progress' : 'waiting',
    gold: row.gold,
    skips: Number(row.skips),
    flagged: row.flagged,
    rejected: row.rejected,
  };
}

/** The same states the repository's sources select, decided on one listed item. */
function inState(item: ItemSummary, state: ItemState): boolean {
  switch (state) {
    case 'waiting':
      return item.status === 'waiting' && !item.gold;
    case 'in-progress':
    case 'complete':
      return item.status === state;
    case 'skipped':
      return item.skips > 0;
    case 'gold':
    case 'flagged':
    case 'rejected':
      return item[state];
  }
}

/** `key=value`: the value as JSON when it parses (numbers, booleans, null), else the string itself. */
function parseMetaFilter(filter: string): Record<string, unknown> {
  const at = filter.indexOf('=');
  const raw = filter.slice(at + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // a plain string
  }
  return { [filter.slice(0, at)]: value };
}

function matchesMeta(item: ItemSummary, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => JSON.stringify(item.metadata[key]) === JSON.stringify(value));
}
