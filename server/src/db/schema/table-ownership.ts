/**
 * Which module owns each table (by its SQL name): the table is declared in that module's folder
 * (`modules/<owner>/*.schema.ts`; `plugins` for the rate limiter's) and only that module's files write it. Another
 * module reads or changes it through the owner's repository or service. table-ownership.test.ts scans every server
 * source file for writes (drizzle `insert/update/delete(table)` and raw SQL `insert into / update / delete from`) and
 * fails on a write this map and WRITE_EXCEPTIONS do not allow, or on a table missing here.
 */
export const TABLE_OWNERS = {
  adjudications: 'adjudication',
  annotations: 'annotations',
  item_slots: 'assignment',
  leases: 'assignment',
  skips: 'assignment',
  audit_events: 'audit',
  users: 'auth',
  sessions: 'auth',
  drafts: 'drafts',
  export_jobs: 'exports',
  dataset_snapshots: 'exports',
  dataset_snapshot_chunks: 'exports',
  gold_answers: 'gold',
  items: 'items',
  item_outputs: 'items',
  item_references: 'items',
  projects: 'projects',
  project_members: 'projects',
  reviews: 'review',
  api_tokens: 'tokens',
  api_token_projects: 'tokens',
  workspaces: 'workspaces',
  workspace_members: 'workspaces',
  rate_limit_hits: 'plugins',
} as const;

export type TableName = keyof typeof TABLE_OWNERS;

/** A write to another module's table that is deliberate, with the reason it cannot go through the owner. */
export interface WriteException {
  /** Path under server/src of the file that writes. */
  file: string;
  table: TableName;
  why: string;
}

/**
 * The assignment hot path's submit stays one SQL statement across tables: splitting it into owner calls would need a
 * transaction and several round trips per submit, and the statement is what makes "at most N answers per item" and
 * "a draft never outlives its submission" hold under concurrency (PEERS.md, Assignment and overlap). Each entry is
 * one write of that statement (annotations.repository.ts, storeSubmission); the test fails if one is no longer used.
 */
const SUBMIT_STATEMENT = 'modules/annotations/annotations.repository.ts';
export const WRITE_EXCEPTIONS: readonly WriteException[] = [
  {
    file: SUBMIT_STATEMENT,
    table: 'item_slots',
    why: 'the submit fills the slot it takes (FOR UPDATE SKIP LOCKED) in the statement that stores the answer',
  },
  {
    file: SUBMIT_STATEMENT,
    table: 'leases',
    why: 'the submit closes its lease in the same statement, so a lease is submitted exactly when its answer exists',
  },
  {
    file: SUBMIT_STATEMENT,
    table: 'items',
    why: "the submit bumps the item's maintained annotation_count (dashboard counter) with the answer it counts",
  },
  {
    file: SUBMIT_STATEMENT,
    table: 'drafts',
    why: 'the submit discards the draft it replaces atomically, so a draft never survives or overwrites a submission',
  },
];
