import { randomInt, randomUUID } from 'node:crypto';
import type {
  OrderingPolicy,
  ProjectSettings,
  SkipBody,
  SkipListQuery,
  SkipListResponse,
  SkippedItem,
  SkippedItemListQuery,
  SkippedItemListResponse,
} from '@feedbench/shared';
import type { SQL } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { violatesConstraint } from '../../db/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeKey, pageByKey } from '../../lib/keyset.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import {
  type ClaimArgs,
  type ClaimedTask,
  type ClaimState,
  type ClaimsRepository,
  createClaimsRepository,
  ONE_ACTIVE_LEASE,
  ONE_PREPARED_LEASE,
  type Paused,
} from './assignment.claims.ts';
import { assignmentErrors } from './assignment.errors.ts';
import { createAssignmentRepository, type LeaseRow } from './assignment.repository.ts';
import { createSelectionService } from './selection.service.ts';

/**
 * The caller's current access to a lease's project (the projects module's check: membership, workspace, token
 * scope); throws to refuse. Lease routes take it as an argument so none can write without it.
 */
export type LeaseAccess<P> = (projectId: string, tx?: Tx) => Promise<P>;

/** What a claim reads of the project: lease length, ordering policy and gold rate. */
type ClaimProject = { id: string; settings: Pick<ProjectSettings, 'leaseMinutes' | 'ordering' | 'gold'> };

/**
 * The assignment engine's interface: who gets which item, and which slot a submit fills. Other modules call this,
 * never the slot and lease tables.
 */
export function createAssignmentService({ db, clock }: { db: Database; clock: Clock }) {
  const selection = createSelectionService({ db, clock });
  return {
    /** Selection where humans teach most (selection.service.ts): the scores the selection policies claim by. */
    setSelectionScores: selection.setSelectionScores,
    refreshScoreMargins: selection.refreshScoreMargins,
    selectionAfterSubmit: selection.afterSubmit,
    selectionPolicyChanged: selection.policyChanged,

    /**
     * The task of the lease the annotator already holds, or of a newly claimed one; undefined when nothing is left
     * for them. A paused annotator is refused (403). With a gold rate, a share of claims is served from gold items
     * the annotator has not answered; when none is left for them the claim is a regular one. A regular claim that
     * finds nothing answers undefined even if gold remains: gold is a control mixed into work, not work by itself.
     */
    async claimNext(user: SessionUser, project: ClaimProject): Promise<ClaimedTask | undefined> {
      const claims = createClaimsRepository(db);
      for (let attempt = 1; ; attempt++) {
        const args = claimArgs(user, project, clock.now());
        try {
          const task = await claimOnce(claims, args, project.settings);
          if (task && task !== 'retry' && 'paused' in task) throw assignmentErrors.annotatorPaused(task.reason);
          if (task === 'retry' && attempt < 3) continue;
          // "Nothing left" from a claim that queued behind the same annotator's concurrent claim (two tabs) was
          // decided on a snapshot older than that claim's commit: the last free slot looked taken, the winner's lease
          // invisible. A fresh statement sees the winner's lease; asking again must return the task already held.
          return (task !== 'retry' && task) || (await claims.heldTask({ ...args, now: clock.now() }));
        } catch (error) {
          // Another claim for this annotator won the race (two tabs): the next attempt finds its lease as held.
          if (attempt < 3 && violatesConstraint(error, ONE_ACTIVE_LEASE)) continue;
          throw error;
        }
      }
    },

    /**
     * Prepares the task after the one the annotator holds (claims.claimPrepared): their prepared lease, or a newly
     * claimed one, drawn like a claim (the gold rate applies here, so the promoted task keeps the mix). Undefined when
     * they hold no task, are paused, or nothing else is left. Their next claim (submit with claimNext, skip then
     * tasks/next) promotes it.
     */
    async prepareNext(user: SessionUser, project: ClaimProject): Promise<ClaimedTask | undefined> {
      const claims = createClaimsRepository(db);
      for (let attempt = 1; ; attempt++) {
        const args = claimArgs(user, project, clock.now());
        try {
          const gold = servesGold(project.settings.gold?.rate ?? 0)
            ? await claimGold(claims, args, 'prepared')
            : undefined;
          const task =
            gold ?? (await claims.claimPrepared({ ...args, ordering: project.settings.ordering as OrderingPolicy }));
          if (task !== 'retry') return task;
          if (attempt >= 3) return undefined;
        } catch (error) {
          // Two tabs prepared at once: the next attempt finds the winner's prepared lease.
          if (attempt < 3 && violatesConstraint(error, ONE_PREPARED_LEASE)) continue;
          throw error;
        }
      }
    },

    /**
     * Keeps a lease alive while the annotator works (the page sends heartbeats, and every draft save counts as one).
     * A lease that expired but whose slot nobody took is revived. One statement, no transaction.
     */
    async heartbeat(user: SessionUser, leaseId: string, leaseMinutes: number): Promise<Date> {
      const repo = createAssignmentRepository(db);
      const expiresAt = new Date(clock.now().getTime() + leaseMinutes * 60_000);
      const lease = await repo.extendLease(leaseId, user.id, expiresAt);
      if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
      if (lease.extended) return expiresAt;
      if (lease.state === 'expired') throw assignmentErrors.leaseLost();
      // Read again: a submit or skip of this lease may have committed while the statement waited for the slot.
      const now = await repo.findLease(leaseId);
      if (now && now.state !== 'active' && now.state !== 'expired') throw assignmentErrors.leaseClosed(now.state);
      throw assignmentErrors.leaseLost();
    },

    /**
     * The caller's lease and their current access to its project, or 404 (someone else's lease is not revealed).
     * Holding a lease proves nothing by itself: `access` re-checks today's membership and the token's scope, so an
     * annotator removed after claiming, or a token scoped to another project, is refused before anything is written.
     */
    async leaseOf<P>(
      user: SessionUser,
      leaseId: string,
      access: LeaseAccess<P>,
    ): Promise<{ lease: LeaseRow; project: P }> {
      const lease = await createAssignmentRepository(db).findLease(leaseId);
      if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
      return { lease, project: await access(lease.projectId) };
    },

    /**
     * Inside the submit transaction: the caller's lease, locked against a concurrent submit or skip, and its item
     * locked against concurrent submits of the item (a submit rewrites every slot of its item). One statement.
     */
    async lockLeaseForSubmit(tx: Tx, user: SessionUser, leaseId: string): Promise<LeaseRow> {
      const lease = await createAssignmentRepository(tx).lockLeaseAndItem(leaseId);
      if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
      return lease;
    },

    /**
     * Records the skip and frees the slot; answers the lease's project (for the live feed). `access` runs inside the
     * transaction, after the lease lock and before any write (see leaseOf).
     */
    async skip(user: SessionUser, leaseId: string, body: SkipBody, access: LeaseAccess<unknown>): Promise<string> {
      return db.transaction(async (tx) => {
        const repo = createAssignmentRepository(tx);
        const lease = await repo.lockLease(leaseId);
        if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
        await access(lease.projectId, tx);
        if (lease.state === 'submitted') throw assignmentErrors.leaseClosed('submitted');
        if (lease.state === 'skipped') return lease.projectId;
        await repo.insertSkip({
          itemId: lease.itemId,
          userId: user.id,
          projectId: lease.projectId,
          reason: body.reason,
          comment: body.comment ?? null,
        });
        await repo.markLease(lease.id, 'skipped');
        await repo.releaseSlot({ itemId: lease.itemId, slotNo: lease.slotNo }, lease.id);
        return lease.projectId;
      });
    },

    /** A page of the project's skips, newest first (keyset; see the repository). */
    async skips(projectId: string, query: SkipListQuery): Promise<SkipListResponse> {
      const after = decodeKey(query.cursor, ['timestamp', 'uuid', 'uuid'] as const);
      const rows = await createAssignmentRepository(db).skipsOf(projectId, query.limit + 1, after);
      const { page, nextCursor } = pageByKey(rows, query.limit, (r) => [r.created_at_key, r.item_id, r.user_id]);
      return {
        skips: page.map((r) => ({
          itemId: r.item_id,
          externalId: r.external_id,
          annotatorEmail: r.email,
          reason: r.reason,
          comment: r.comment,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        nextCursor,
      };
    },

    /** A page of the skipped items still short of the overlap target, most skipped first. */
    async skippedItems(
      projectId: string,
      overlapTarget: number,
      query: SkippedItemListQuery,
    ): Promise<SkippedItemListResponse> {
      const after = decodeKey(query.cursor, ['integer', 'integer'] as const);
      const rows = await createAssignmentRepository(db).skippedShortItems(
        projectId,
        overlapTarget,
        query.limit + 1,
        after,
      );
      const { page, nextCursor } = pageByKey(rows, query.limit, (r) => [Number(r.skips), Number(r.position)]);
      return {
        items: page.map((r) => ({
          itemId: r.item_id,
          externalId: r.external_id,
          skips: Number(r.skips),
          annotations: Number(r.annotations),
          reasons: r.reasons as SkippedItem['reasons'],
        })),
        nextCursor,
      };
    },

    /** Slot rows for freshly imported items. */
    createSlots: (tx: Tx, itemIds: string[], target: number) =>
      createAssignmentRepository(tx).createSlots(itemIds, target),
    /** Slots for the items a query names (an import's staged items): see the repository. */
    createSlotsFor: (tx: Tx, itemIds: SQL, target: number) =>
      createAssignmentRepository(tx).createSlotsFor(itemIds, target),

    /** Fresh planner statistics for the slots after a bulk load (see the items module's `analyzeImported`). */
    analyzeSlots: () => createAssignmentRepository(db).analyzeSlots(),

    resizeSlots: (tx: Tx, projectId: string, target: number) =>
      createAssignmentRepository(tx).resizeSlots(projectId, target, clock.now()),

    /**
     * Moves an item in or out of the regular pool (the gold module calls this beside its gold_answers row). Marking
     * flips its slots that hold no annotation to gold; unmarking drops its free gold slots and tops its regular
     * slots back up to the overlap target.
     */
    async setItemGold(itemId: string, gold: boolean, tx?: Tx) {
      const run = async (t: Tx) => {
        const repo = createAssignmentRepository(t);
        if (gold) await repo.markSlotsGold(itemId);
        else await repo.unmarkSlotsGold(itemId, clock.now());
      };
      if (tx) await run(tx);
      else await db.transaction(run);
    },

    /**
     * One more regular slot for the item, so it collects a replacement annotation from another annotator (the review
     * module calls this when it rejects an annotation; the rejected one stays stored). False for gold items.
     */
    /** A member left the project (or the account was disabled): the items they held go back to the pool now. */
    releaseLeasesOf: (userId: string, projectId?: string): Promise<number> =>
      createAssignmentRepository(db).releaseLeasesOf(userId, projectId),

    reopenItem: async (itemId: string, tx?: Tx): Promise<boolean> =>
      tx
        ? createAssignmentRepository(tx).addSlot(itemId)
        : db.transaction((t) => createAssignmentRepository(t).addSlot(itemId)),
  };
}
export type AssignmentService = ReturnType<typeof createAssignmentService>;

/**
 * Whether this claim is served from gold. crypto randomness, not a seeded draw: an annotator cannot predict which
 * tasks are controls from their position in the queue, and nothing has to be stored per annotator.
 */
function servesGold(rate: number): boolean {
  return rate > 0 && randomInt(0x1000000) < rate * 0x1000000;
}

/** A claim's lease id and times: the lease lasts the project's lease length from now. */
function claimArgs(
  user: SessionUser,
  project: { id: string; settings: Pick<ProjectSettings, 'leaseMinutes'> },
  now: Date,
): ClaimArgs {
  return {
    projectId: project.id,
    userId: user.id,
    leaseId: randomUUID(),
    now,
    expiresAt: new Date(now.getTime() + project.settings.leaseMinutes * 60_000),
  };
}

/**
 * One claim attempt. With a gold rate, a share of claims is served from gold: the held or prepared lease first (it
 * may be regular or gold), else a gold item, else a regular claim.
 */
async function claimOnce(
  claims: ClaimsRepository,
  args: ClaimArgs,
  settings: Pick<ProjectSettings, 'ordering' | 'gold'>,
): Promise<ClaimedTask | Paused | 'retry' | undefined> {
  const ordering = settings.ordering as OrderingPolicy;
  if (servesGold(settings.gold?.rate ?? 0)) {
    const held = await claims.claimTask({ ...args, ordering, fresh: false });
    if (held) return held;
    const gold = await claimGold(claims, args);
    if (gold) return gold;
  }
  // Gold or not, the task looks the same: same lease, same random display order, same response.
  return claims.claimTask({ ...args, ordering });
}

/** A gold task, retried when a concurrent gold claim took the same new slot number (see claimGoldTask). */
async function claimGold(
  claims: ClaimsRepository,
  args: ClaimArgs,
  state: ClaimState = 'active',
): Promise<ClaimedTask | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const task = await claims.claimGoldTask(args, state);
    if (task !== 'retry') return task;
  }
  return undefined;
}
