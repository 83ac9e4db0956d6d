import { randomUUID } from 'node:crypto';
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
    /** The lease the annotator already holds, or a newly claimed one; undefined when nothing is left for them. */
    async claimNext(
      user: SessionUser,
      project: { id: string; settings: Pick<ProjectSettings, 'leaseMinutes' | 'ordering'> },
    ): Promise<LeaseRow | undefined> {
      return db.transaction(async (tx) => {
        const repo = createAssignmentRepository(tx);
        await repo.lockAnnotator(user.id, project.id);
        const now = clock.now();
        const held = await repo.findHeldLease(user.id, project.id, now);
        if (held) return held;
        const leaseId = randomUUID();
        const expiresAt = new Date(now.getTime() + project.settings.leaseMinutes * 60_000);
        const claimed = await repo.claimSlot({
          projectId: project.id,
          userId: user.id,
          leaseId,
          now,
          expiresAt,
          ordering: project.settings.ordering as OrderingPolicy,
        });
        if (!claimed) return undefined;
        if (claimed.previousLeaseId) await repo.markLease(claimed.previousLeaseId, 'expired');
        return repo.insertLease({
          id: leaseId,
          projectId: project.id,
          itemId: claimed.itemId,
          userId: user.id,
          slotNo: claimed.slotNo,
          displayOrder: shuffledDisplayOrder(await repo.outputIds(claimed.itemId)),
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
    async takeSlotForSubmit(tx: Tx, lease: LeaseRow): Promise<SlotRef> {
      const repo = createAssignmentRepository(tx);
      if (lease.state === 'skipped') throw assignmentErrors.leaseClosed('skipped');
      await repo.lockItem(lease.itemId);
      const own = await repo.lockSlot({ itemId: lease.itemId, slotNo: lease.slotNo });
      if (own && own.annotationId === null && (own.leaseId === lease.id || own.leaseId === null)) {
        return { itemId: lease.itemId, slotNo: lease.slotNo };
      }
      const other = await repo.lockFreeSlotOfItem(lease.itemId, clock.now());
      if (!other) throw assignmentErrors.overlapFull();
      return other;
    },

    async completeSubmit(tx: Tx, lease: LeaseRow, slot: SlotRef, annotationId: string) {
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
  };
}
export type AssignmentService = ReturnType<typeof createAssignmentService>;
