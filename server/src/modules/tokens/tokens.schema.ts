import { API_TOKEN_ACCESS, API_TOKEN_PROJECT_SCOPES } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { projects } from '../projects/projects.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/** Personal API tokens for scripts and the CLI over HTTP (`Authorization: Bearer fbt_...`). */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The one workspace whose projects the token reaches (still only those its owner may reach there). */
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 of the token: shown once at creation, never stored or returned again. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters, so people can tell their tokens apart in the list. */
    prefix: text('prefix').notNull(),
    /** `read`: safe methods only; `write`: everything the owner may do. */
    access: text('access', { enum: API_TOKEN_ACCESS }).notNull(),
    /** `listed`: only the projects in api_token_projects; `all`: every project the owner may reach. */
    projectScope: text('project_scope', { enum: API_TOKEN_PROJECT_SCOPES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('api_tokens_user_idx').on(t.userId),
    check('api_tokens_access_check', sql`${t.access} in ('read', 'write')`),
    check('api_tokens_project_scope_check', sql`${t.projectScope} in ('all', 'listed')`),
  ],
);

/** The projects a `listed` token may reach (still only those its owner may reach). */
export const apiTokenProjects = pgTable(
  'api_token_projects',
  {
    tokenId: uuid('token_id')
      .notNull()
      .references(() => apiTokens.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.projectId] })],
);
