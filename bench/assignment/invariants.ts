import pg from 'pg';
import type { SimulationRecord } from './simulate.ts';

export interface Violation {
  rule: string;
  detail: string;
}

/** Checks the stored state against what the clients were told; every rule of issue 3's harness. */
export async function checkInvariants(
  url: string,
  projectId: string,
  overlap: number,
  record: SimulationRecord,
): Promise<{ violations: Violation[]; facts: Record<string, number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const violations: Violation[] = [];
  try {
    const stored = await client.query<{ id: string; user_id: string; idempotency_key: string; item_id: string }>(
      'select id, user_id, idempotency_key, item_id from annotations where project_id = $1',
      [projectId],
    );
    const byId = new Map(stored.rows.map((r) => [r.id, r]));
    const byKey = new Map<string, number>();
    for (const row of stored.rows)
      byKey.set(`${row.user_id}:${row.idempotency_key}`, (byKey.get(`${row.user_id}:${row.idempotency_key}`) ?? 0) + 1);
    for (const ack of record.ackedSubmits) {
      const row = byId.get(ack.annotationId);
      if (!row || row.user_id !== ack.userId || row.item_id !== ack.itemId) {
        violations.push({ rule: 'acknowledged submit stored', detail: `annotation ${ack.annotationId} missing` });
      }
      const copies = byKey.get(`${ack.userId}:${ack.key}`) ?? 0;
      if (copies !== 1) violations.push({ rule: 'stored exactly once', detail: `key ${ack.key} stored ${copies}x` });
    }
    const distinctAcked = new Set(record.ackedSubmits.map((a) => a.annotationId)).size;
    if (distinctAcked !== record.ackedSubmits.length) {
      violations.push({ rule: 'stored exactly once', detail: 'two acknowledgements name one annotation' });
    }

    // Rejected annotations were replaced through a reopened slot (the review module), and gold answers sit in gold
    // slots of their own: neither counts against the target.
    const over = await client.query<{ item_id: string; n: string }>(
      `select a.item_id, count(*) as n from annotations a
         join item_slots s on s.item_id = a.item_id and s.slot_no = a.slot_no and not s.gold
        where a.project_id = $1
          and not exists (select 1 from reviews r where r.annotation_id = a.id and r.verdict = 'rejected')
        group by a.item_id having count(*) > $2`,
      [projectId, overlap],
    );
    for (const row of over.rows)
      violations.push({ rule: 'overlap target', detail: `item ${row.item_id} has ${row.n}` });

    const twice = await client.query<{ item_id: string; user_id: string }>(
      `select item_id, user_id from annotations where project_id = $1 group by item_id, user_id having count(*) > 1`,
      [projectId],
    );
    for (const row of twice.rows)
      violations.push({ rule: 'no item twice', detail: `${row.user_id} on ${row.item_id}` });

    const counters = await client.query<{ item_id: string }>(
      `select i.id as item_id from items i where i.project_id = $1
         and i.annotation_count <> (select count(*) from annotations a
           join item_slots s on s.item_id = a.item_id and s.slot_no = a.slot_no and not s.gold
           where a.item_id = i.id)`,
      [projectId],
    );
    for (const row of counters.rows) violations.push({ rule: 'counter matches rows', detail: `item ${row.item_id}` });

    for (const lease of record.abandoned) {
      const slot = await client.query<{ n: string }>(
        `select count(*) as n from item_slots s join leases l on l.id = $1
          where s.item_id = l.item_id and s.slot_no = l.slot_no and s.annotation_id is not null`,
        [lease.leaseId],
      );
      if (Number(slot.rows[0]?.n ?? 0) !== 1) {
        violations.push({ rule: 'abandoned lease recycled', detail: `lease ${lease.leaseId} slot never filled` });
      }
    }

    const drafts = await client.query<{ item_id: string; user_id: string; text: string }>(
      `select item_id, user_id, answers->'note'->>'text' as text from drafts where project_id = $1`,
      [projectId],
    );
    const draftByKey = new Map(drafts.rows.map((r) => [`${r.user_id}:${r.item_id}`, r.text]));
    const submittedPairs = new Set(stored.rows.map((r) => `${r.user_id}:${r.item_id}`));
    for (const [key, draft] of record.ackedDrafts) {
      // A submit supersedes the draft; otherwise the last acknowledged text must be there.
      if (submittedPairs.has(key)) continue;
      if (draftByKey.get(key) !== draft.text) {
        violations.push({ rule: 'acknowledged draft kept', detail: `draft of ${key} missing or stale` });
      }
    }

    const slots = await client.query<{ open: string; filled: string }>(
      `select count(*) filter (where annotation_id is null) as open, count(*) filter (where annotation_id is not null) as filled
         from item_slots where project_id = $1`,
      [projectId],
    );
    return {
      violations,
      facts: {
        storedAnnotations: stored.rows.length,
        acknowledgedSubmits: record.ackedSubmits.length,
        openSlots: Number(slots.rows[0]?.open ?? 0),
        filledSlots: Number(slots.rows[0]?.filled ?? 0),
        abandonedLeases: record.abandoned.length,
        acknowledgedDrafts: record.ackedDrafts.size,
      },
    };
  } finally {
    await client.end();
  }
}
