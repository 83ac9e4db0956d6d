import { randomInt, randomUUID } from 'node:crypto';
import type { OrderingPolicy, ProjectSettings, SkipBody, SkipReport } from '@feedbench/shared';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import { assignmentErrors } from './assignment.errors.ts';
import { createAssignmentRepository, type LeaseRow, type SlotRef } from './assignment.repository.ts';
import { shuffledDisplayOrder } from './display-order.ts';

/**
 * The assignment engine's interface: who gets which item, and which slot a submit fills. Other modules call this,
 * never the slot and lease tables.
 */
export function createAssignmentService({ db, clock }: { db: Database; clock: Clock }) {
  return {
    /**
     * The lease the annotator already holds, or a newly claimed one; undefined when nothing is left for them. A paused
     * annotator is refused (403). With a gold rate, a share of claims is served from gold items (see claimGold).
     */
    async claimNext(
      user: SessionUser,
      project: { id: string; settings: Pick<ProjectSettings, 'leaseMinutes' | 'ordering' | 'gold'> },
    ): Promise<LeaseRow | undefined> {
      return db.transaction(async (tx) => {
        const repo = createAssignmentRepository(tx);
        const { pausedAt, pausedReason } = await repo.lockAnnotator(user.id, project.id);
        if (pausedAt) throw assignmentErrors.annotatorPaused(pausedReason);
        const now = clock.now();
        const held = await repo.findHeldLease(user.id, project.id, now);
        if (held) return held;
        const leaseId = randomUUID();
        const expiresAt = new Date(now.getTime() + project.settings.leaseMinutes * 60_000);
        const slot =
          (servesGold(project.settings.gold?.rate ?? 0)
            ? await claimGold(repo, { projectId: project.id, userId: user.id, leaseId, now, expiresAt })
            : undefined) ??
          (await repo.claimSlot({
            projectId: project.id,
            userId: user.id,
            leaseId,
            now,
            expiresAt,
            ordering: project.settings.ordering as OrderingPolicy,
          }));
        if (!slot) return undefined;
        if (slot.previousLeaseId) await repo.markLease(slot.previousLeaseId, 'expired');
        // Gold or not, the task looks the same: same lease, same random display order, same response.
        return repo.insertLease({
          id: leaseId,
          projectId: project.id,
          itemId: slot.itemId,
          userId: user.id,
          slotNo: slot.slotNo,
          displayOrder: shuffledDisplayOrder(await repo.outputIds(slot.itemId)),
          createdAt: now,
          expiresAt,
        });
      });
    },

    /**
     * Keeps a lease alive while the annotator works (the page sends heartbeats, and every draft save counts as one).
     * A lease that expired but whose slot nobody took is revived.
     */
    async heartbeat(user: SessionUser, leaseId: string, leaseMinutes: number): Promise<Date> {
      return db.transaction(async (tx) => {
        const repo = createAssignmentRepository(tx);
        const lease = await repo.lockLease(leaseId);
        if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
        if (lease.state === 'expired') throw assignmentErrors.leaseLost();
        if (lease.state !== 'active') throw assignmentErrors.leaseClosed(lease.state);
        const expiresAt = new Date(clock.now().getTime() + leaseMinutes * 60_000);
        if (!(await repo.extendLease(lease, expiresAt))) throw assignmentErrors.leaseLost();
        return expiresAt;
      });
    },

    /** The caller's lease, or 404 (someone else's lease is not revealed). */
    async leaseOf(user: SessionUser, leaseId: string): Promise<LeaseRow> {
      const lease = await createAssignmentRepository(db).findLease(leaseId);
      if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
      return lease;
    },

    /** Inside the submit transaction: the caller's lease, locked against a concurrent submit or skip. */
    async lockLeaseForSubmit(tx: Tx, user: SessionUser, leaseId: string): Promise<LeaseRow> {
      const lease = await createAssignmentRepository(tx).lockLease(leaseId);
      if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
      return lease;
    },

    /**
     * The slot the annotation will fill. A late submit (lease expired) still lands if the item has a free slot;
     * otherwise 409, and the client keeps the text as a draft (PEERS.md: Open-Assistant lost such answers).
     */
    async takeSlotForSubmit(tx: Tx, lease: LeaseRow): Promise<SlotRef & { gold: boolean }> {
      const repo = createAssignmentRepository(tx);
      if (lease.state === 'skipped') throw assignmentErrors.leaseClosed('skipped');
      await repo.lockItem(lease.itemId);
      const own = await repo.lockSlot({ itemId: lease.itemId, slotNo: lease.slotNo });
      if (own && own.annotationId === null && (own.leaseId === lease.id || own.leaseId === null)) {
        return { itemId: lease.itemId, slotNo: lease.slotNo, gold: own.gold };
      }
      // A late submit takes another free regular slot (never a gold one: gold slots are per annotator).
      const other = await repo.lockFreeSlotOfItem(lease.itemId, clock.now());
      if (!other) throw assignmentErrors.overlapFull();
      return { ...other, gold: false };
    },

    async completeSubmit(tx: Tx, lease: LeaseRow, slot: SlotRef & { gold: boolean }, annotationId: string) {
      const repo = createAssignmentRepository(tx);
      await repo.fillSlot(slot, lease.id, lease.userId, annotationId);
      await repo.markLease(lease.id, 'submitted');
    },

    async skip(user: SessionUser, leaseId: string, body: SkipBody) {
      await db.transaction(async (tx) => {
        const repo = createAssignmentRepository(tx);
        const lease = await repo.lockLease(leaseId);
        if (!lease || lease.userId !== user.id) throw assignmentErrors.leaseNotFound();
        if (lease.state === 'submitted') throw assignmentErrors.leaseClosed('submitted');
        if (lease.state === 'skipped') return;
        await repo.insertSkip({
          itemId: lease.itemId,
          userId: user.id,
          projectId: lease.projectId,
          reason: body.reason,
          comment: body.comment ?? null,
        });
        await repo.markLease(lease.id, 'skipped');
        await repo.releaseSlot({ itemId: lease.itemId, slotNo: lease.slotNo }, lease.id);
      });
    },

    async skipReport(projectId: string, overlapTarget: number): Promise<SkipReport> {
      const repo = createAssignmentRepository(db);
      const [skipRows, items] = await Promise.all([
        repo.skipsOf(projectId),
        repo.skippedShortItems(projectId, overlapTarget),
      ]);
      return {
        skips: skipRows.map((r) => ({
          itemId: r.item_id,
          externalId: r.external_id,
          annotatorEmail: r.email,
          reason: r.reason,
          comment: r.comment,
          createdAt: new Date(r.created_at).toISOString(),
        })),
        itemsNeedingAttention: items.map((r) => ({
          itemId: r.item_id,
          externalId: r.external_id,
          skips: Number(r.skips),
          annotations: Number(r.annotations),
          reasons: r.reasons as SkipReport['itemsNeedingAttention'][number]['reasons'],
        })),
      };
    },

    /** Slot rows for freshly imported items. */
    createSlots: (tx: Tx, itemIds: string[], target: number) =>
      createAssignmentRepository(tx).createSlots(itemIds, target),

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
    reopenItem: async (itemId: string, tx?: Tx): Promise<boolean> =>
      tx
        ? createAssignmentRepository(tx).addSlot(itemId)
        : db.transaction((t) => createAssignmentRepository(t).addSlot(itemId)),
  };
}

/**
 * Whether this claim is served from gold. crypto randomness, not a seeded draw: an annotator cannot predict which
 * tasks are controls from their position in the queue, and nothing has to be stored per annotator.
 */
function servesGold(rate: number): boolean {
  return rate > 0 && randomInt(0x1000000) < rate * 0x1000000;
}

/** A gold slot, retried when a concurrent gold claim took the same new slot number (see claimGoldSlot). */
async function claimGold(
  repo: ReturnType<typeof createAssignmentRepository>,
  args: Parameters<ReturnType<typeof createAssignmentRepository>['claimGoldSlot']>[0],
): Promise<(SlotRef & { previousLeaseId: null }) | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const slot = await repo.claimGoldSlot(args);
    if (slot === undefined) return undefined;
    if (slot !== 'retry') return { ...slot, previousLeaseId: null };
  }
  return undefined;
}
export type AssignmentService = ReturnType<typeof createAssignmentService>;
