/**
 * Every table, for drizzle-kit (server/drizzle.config.ts) and the database client. Each module owns its tables in its
 * own folder (`modules/<module>/<module>.schema.ts`, papra's layout) and only its repository writes them: the owner
 * of each table, and the documented exceptions, are in table-ownership.ts next to this file.
 */
export * from '../../modules/adjudication/adjudication.schema.ts';
export * from '../../modules/annotations/annotations.schema.ts';
export * from '../../modules/assignment/assignment.schema.ts';
export * from '../../modules/audit/audit.schema.ts';
export * from '../../modules/auth/auth.schema.ts';
export * from '../../modules/auth/login-throttle.schema.ts';
export * from '../../modules/chats/chats.schema.ts';
export * from '../../modules/drafts/drafts.schema.ts';
export * from '../../modules/exports/export-jobs.schema.ts';
export * from '../../modules/exports/snapshots.schema.ts';
export * from '../../modules/gold/gold.schema.ts';
export * from '../../modules/items/import-jobs.schema.ts';
export * from '../../modules/items/item-references.schema.ts';
export * from '../../modules/items/items.schema.ts';
export * from '../../modules/judges/judges.schema.ts';
export * from '../../modules/judges/reward-scores.schema.ts';
export * from '../../modules/models/models.schema.ts';
export * from '../../modules/projects/projects.schema.ts';
export * from '../../modules/review/review.schema.ts';
export * from '../../modules/tokens/tokens.schema.ts';
export * from '../../modules/workspaces/workspaces.schema.ts';
export * from '../../plugins/rate-limit.schema.ts';
