import { LOCALES, USER_ROLES } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased: the unique index is the one place that decides "same account". */
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while an admin has disabled the account: it cannot sign in, and its sessions and tokens were ended. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** The UI language the account chose (applied at sign-in on any browser); null until it chooses one. */
    locale: text('locale', { enum: LOCALES }),
  },
  (t) => [
    check('users_role_check', sql`${t.role} in ('admin', 'researcher', 'annotator')`),
    check('users_locale_check', sql`${t.locale} in ('en', 'zh-CN')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not hand out sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
