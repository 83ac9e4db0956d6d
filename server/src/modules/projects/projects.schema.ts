import { MEMBER_ROLES, type ProjectSettings, TASK_KINDS } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Every project lives in exactly one workspace; only that workspace's members can reach it. */
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    guidelines: text('guidelines').notNull().default(''),
    /** Bumped on every guidelines edit; each annotation records the version it was made under. */
    guidelinesVersion: integer('guidelines_version').notNull().default(1),
    /** Validated by projectSettingsSchema in shared/ on the way in and out. */
    settings: jsonb('settings').$type<ProjectSettings>().notNull(),
    templateVersion: integer('template_version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('projects_kind_check', sql`${t.kind} in ('demonstration', 'ranking', 'chat')`),
    index('projects_workspace_idx').on(t.workspaceId),
  ],
);

export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBER_ROLES }).notNull(),
    /** Set when the annotator's gold accuracy fell below the project's threshold; next-task refuses until cleared. */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedReason: text('paused_reason'),
    /**
     * When a researcher last resumed the annotator: auto-pause then judges only gold answers submitted after it, so
     * the resumed annotator gets a fresh `minAnswers` window instead of being paused again by their old answers.
     */
    resumedAt: timestamp('resumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    check('project_members_role_check', sql`${t.role} in ('researcher', 'annotator', 'reviewer')`),
  ],
);
