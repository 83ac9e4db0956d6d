/**
 * Which module owns each table (by its SQL name): the table is declared in that module's folder
 * (`modules/<owner>/*.schema.ts`; `plugins` for the rate limiter's) and only that module's files write it. Another
 * module changes it through the owner's repository or service, and reads it the same way or in a documented read
 * model (READ_MODELS). table-ownership.test.ts scans every server source file for writes (drizzle
 * `insert/update/delete(table)`, raw SQL `insert into / update / delete from`) and reads (`from/join`) and fails on
 * one this file does not allow, on an exception no longer used, or on a table missing here.
 */
export const TABLE_OWNERS = {
  adjudications: 'adjudication',
  annotations: 'annotations',
  item_slots: 'assignment',
  leases: 'assignment',
  skips: 'assignment',
  // Per-item selection scores by source (human disagreement, reward-model margin, judge disagreement).
  item_selection_scores: 'assignment',
  audit_events: 'audit',
  users: 'auth',
  sessions: 'auth',
  login_account_throttle: 'auth',
  // Live chat tasks: the conversation (one per task), its message tree and its turns.
  chat_sessions: 'chats',
  chat_messages: 'chats',
  chat_turns: 'chats',
  drafts: 'drafts',
  export_jobs: 'exports',
  dataset_snapshots: 'exports',
  dataset_snapshot_chunks: 'exports',
  gold_answers: 'gold',
  items: 'items',
  item_outputs: 'items',
  item_references: 'items',
  // Kept by statement triggers on items (migration custom SQL): the per-count item tallies of the dashboard.
  item_counters: 'items',
  // A streamed import's job (progress, line report) and its staged lines until the file is accepted whole.
  import_jobs: 'items',
  import_staging: 'items',
  import_staging_outputs: 'items',
  // Model judges: judges, their jobs (one task row per item x judge), their answers apart from annotations, the
  // suggestion setting and each assignment's experiment arm.
  judges: 'judges',
  judge_jobs: 'judges',
  judge_tasks: 'judges',
  judge_answers: 'judges',
  judge_suggestion_settings: 'judges',
  suggestion_exposures: 'judges',
  // Reward-model scoring jobs (one task per item) and each scored output's provenance.
  reward_score_jobs: 'judges',
  reward_score_tasks: 'judges',
  reward_scores: 'judges',
  // Model connections (encrypted keys) and generation jobs with their one row per item x connection x sample.
  model_connections: 'models',
  generation_jobs: 'models',
  generation_samples: 'models',
  projects: 'projects',
  project_members: 'projects',
  reviews: 'review',
  api_tokens: 'tokens',
  api_token_projects: 'tokens',
  workspaces: 'workspaces',
  workspace_members: 'workspaces',
  workspace_invitations: 'workspaces',
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

/**
 * A query that reads another module's tables in the same statement as its own: a documented read model. Joins are
 * the point of these queries (one statement per page or per request instead of one call per row to the owner), and
 * they only read. A cross-module read missing here fails table-ownership.test.ts, as does an entry no longer used.
 */
export interface ReadModel {
  /** Path under server/src of the file that reads. */
  file: string;
  reads: readonly TableName[];
  why: string;
}

export const READ_MODELS: readonly ReadModel[] = [
  {
    file: 'modules/adjudication/adjudication.repository.ts',
    reads: ['annotations', 'item_outputs', 'items', 'reviews', 'users'],
    why: "the disagreement queue and an item's side-by-side view: its outputs, answers with their verdicts, adjudicator",
  },
  {
    file: 'modules/models/generation-jobs.repository.ts',
    reads: ['items'],
    why: "a generation job's sample rows are made from the project's unanswered items in one statement, each claim brings its item's conversation, and the failure report names items by their external ids",
  },
  {
    file: 'modules/agreement/agreement.repository.ts',
    reads: ['annotations', 'items'],
    why: "the agreement report reads every submitted answer with its item's external id and import time in one pass",
  },
  {
    file: 'modules/annotations/annotations.repository.ts',
    reads: ['drafts', 'item_slots', 'items'],
    why: 'the submit statement takes its slot (FOR UPDATE) and checks the item; see WRITE_EXCEPTIONS',
  },
  {
    file: 'modules/assignment/assignment.claims.ts',
    reads: ['annotations', 'drafts', 'gold_answers', 'item_outputs', 'items', 'project_members'],
    why: "the claim statement (hot path): never an item already answered, the caller's draft, gold items, a paused member refused, the item and its outputs in one round trip",
  },
  {
    file: 'modules/assignment/assignment.repository.ts',
    reads: ['annotations', 'gold_answers', 'items', 'projects', 'reviews', 'users'],
    why: "slot sizing reads the project's overlap target; reopening counts rejected answers; skip lists show items and emails",
  },
  {
    file: 'modules/exports/exports.repository.ts',
    reads: ['annotations', 'gold_answers', 'item_counters', 'item_outputs', 'item_references', 'items', 'reviews'],
    why: 'export pages stream items with outputs, answers, verdicts, reference labels and gold flags: one query per page; the summary counts unannotated items with the item counters',
  },
  {
    file: 'modules/leaderboard/leaderboard.repository.ts',
    reads: ['annotations', 'item_outputs', 'items'],
    why: "the model leaderboard reads every answer to the preference question with its item's category, and the answered items' output models and lengths (never their text), in two statements",
  },
  {
    file: 'modules/gold/gold.repository.ts',
    reads: ['annotations', 'items', 'project_members', 'projects', 'users'],
    why: "scoring joins the answers on gold items with the reference answers; members' paused state; settings.gold",
  },
  {
    file: 'modules/projects/projects.repository.ts',
    reads: ['item_counters', 'item_slots', 'items', 'leases', 'reviews', 'skips', 'users', 'workspace_members'],
    why: "every request's project-with-role statement joins workspace membership; dashboard counters in one statement (completion net of rejected answers; a prepared task's lease is not work in progress)",
  },
  {
    file: 'modules/assignment/selection.repository.ts',
    reads: ['annotations', 'item_outputs', 'items', 'projects'],
    why: "selection scores: the project's policy and template, its items' answers (human disagreement) and outputs' reward-model scores (margin), each in one statement",
  },
  {
    file: 'modules/assignment/output-blinding.ts',
    reads: ['item_outputs'],
    why: 'the blind output ids annotators see, mapped to the real ones at every annotator-facing boundary',
  },
  {
    file: 'modules/audit/audit.repository.ts',
    reads: ['projects', 'workspaces'],
    why: 'the audit log names the project and workspace of each event (ids stay the record; names are read with it)',
  },
  {
    file: 'modules/items/import-jobs.repository.ts',
    reads: ['projects'],
    why: "with foreign-key triggers off for an import's move, the project row is locked FOR KEY SHARE as those checks would have locked it, so the project cannot be deleted under the import",
  },
  {
    file: 'modules/items/item-browser.repository.ts',
    reads: ['annotations', 'gold_answers', 'item_slots', 'reviews', 'skips', 'users'],
    why: "the researcher's item browser: each item's state (in progress, skipped, gold, flagged, rejected) from index ranges, and an item's annotations with annotators and verdicts",
  },
  {
    file: 'modules/workspaces/invitations.repository.ts',
    reads: ['users'],
    why: 'open invitations name who invited (the inviter is joined for their email)',
  },
  {
    file: 'modules/live/live.repository.ts',
    reads: ['api_tokens', 'project_members', 'projects', 'sessions', 'users', 'workspace_members'],
    why: "one statement per project event re-checks every open socket's session or token and current role",
  },
  {
    file: 'modules/review/review.repository.ts',
    reads: ['annotations', 'item_outputs', 'items'],
    why: 'the review queue shows each answer with its item and outputs in the order the annotator saw them',
  },
  {
    file: 'modules/tokens/tokens.repository.ts',
    reads: ['users'],
    why: "a bearer token resolves to its owner in the token's own query (every API call); the admin list names owners",
  },
  {
    file: 'modules/judges/judges.repository.ts',
    reads: ['annotations', 'item_outputs', 'items'],
    why: "a judge reads an item with its outputs; a job's failures name items; the anchoring report joins each assignment's arm with its annotation",
  },
  {
    file: 'modules/judges/reward-scores.repository.ts',
    reads: ['item_outputs', 'items'],
    why: "a reward model reads an item's conversation and outputs; a job's failures name items; provenance is shown while it matches the output's score",
  },
  {
    file: 'modules/workspaces/workspaces.repository.ts',
    reads: ['users'],
    why: "member lists show each member's email",
  },
];
