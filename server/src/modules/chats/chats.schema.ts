import type { Answers, ChatCandidateSlot, DiffPart, DraftAnswers, MessageRole } from '@feedbench/shared';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { items } from '../items/items.schema.ts';
import { projects } from '../projects/projects.schema.ts';

/**
 * One live conversation of a chat project: one task (item x annotator), keyed like drafts by item and annotator so it
 * survives an expired lease that the annotator claims again. The candidate slots and system prompt are copied at the
 * start: a researcher editing the project later does not change what this conversation was run with (provenance).
 */
export const chatSessions = pgTable(
  'chat_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    candidates: jsonb('candidates').$type<ChatCandidateSlot[]>().notNull(),
    systemPrompt: text('system_prompt').notNull(),
    turnLimit: integer('turn_limit').notNull(),
    tokenBudget: integer('token_budget').notNull(),
    timeBudgetMinutes: doublePrecision('time_budget_minutes').notNull(),
    /** Prompt + completion tokens of every call so far (the endpoint's usage, else an estimate of 4 chars/token). */
    tokensUsed: integer('tokens_used').notNull().default(0),
    state: text('state', { enum: ['open', 'submitted'] })
      .notNull()
      .default('open'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    unique('chat_sessions_item_user_unique').on(t.itemId, t.userId),
    index('chat_sessions_project_idx').on(t.projectId),
  ],
);

export const CHAT_MESSAGE_STATES = ['streaming', 'done', 'stopped', 'error', 'interrupted'] as const;
export type ChatMessageState = (typeof CHAT_MESSAGE_STATES)[number];
export const CHAT_MESSAGE_SOURCES = ['import', 'annotator', 'model', 'edit'] as const;
export type ChatMessageSource = (typeof CHAT_MESSAGE_SOURCES)[number];

/** What the endpoint answered for a model node: everything needed to reproduce or audit the call. */
export interface ChatMessageProvenance {
  connectionId: string;
  model: string;
  params: Record<string, unknown>;
  finishReason: string | null;
  usage: { promptTokens: number; completionTokens: number } | null;
  latencyMs: number | null;
  firstTokenMs: number | null;
}

/**
 * The conversation tree, one row per message node (Open-Assistant's message tree): the imported prefix, each user
 * turn, K model candidates per turn as siblings under it (regenerated ones stay as superseded siblings), and an
 * annotator's edit of the chosen reply as another sibling with the diff against the reply it rewrote (an SFT
 * demonstration).
 */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => chatMessages.id, { onDelete: 'cascade' }),
    role: text('role').$type<MessageRole>().notNull(),
    source: text('source', { enum: CHAT_MESSAGE_SOURCES }).notNull(),
    content: text('content').notNull(),
    /** The user turn (1-based) a candidate or edit answers; 0 for the imported prefix. */
    turnNo: integer('turn_no').notNull(),
    /** Model candidates: the slot (index into the session's candidates) that produced it. */
    slotNo: integer('slot_no'),
    state: text('state', { enum: CHAT_MESSAGE_STATES }).notNull().default('done'),
    /** A regenerated candidate: kept as a sibling, no longer shown or judged. */
    superseded: boolean('superseded').notNull().default(false),
    provenance: jsonb('provenance').$type<ChatMessageProvenance>(),
    error: jsonb('error').$type<{ kind: string; message: string }>(),
    /** Edits: the candidate rewritten, and the word diff from it to this text. */
    editedFromId: uuid('edited_from_id').references((): AnyPgColumn => chatMessages.id, { onDelete: 'cascade' }),
    editDiff: jsonb('edit_diff').$type<DiffPart[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('chat_messages_session_idx').on(t.sessionId, t.turnNo),
    check('chat_messages_role_check', sql`${t.role} in ('system', 'user', 'assistant')`),
  ],
);

/**
 * One user turn: the order its candidates were shown in (slots, randomised per turn and recorded), the answers to the
 * per-turn template (draft until completed), the reply the annotator chose and their edit of it.
 */
export const chatTurns = pgTable(
  'chat_turns',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => chatSessions.id, { onDelete: 'cascade' }),
    turnNo: integer('turn_no').notNull(),
    userMessageId: uuid('user_message_id')
      .notNull()
      .references(() => chatMessages.id, { onDelete: 'cascade' }),
    displayOrder: jsonb('display_order').$type<number[]>().notNull(),
    draftAnswers: jsonb('draft_answers').$type<DraftAnswers>(),
    draftEdit: text('draft_edit'),
    answers: jsonb('answers').$type<Answers>(),
    chosenMessageId: uuid('chosen_message_id').references(() => chatMessages.id, { onDelete: 'set null' }),
    editMessageId: uuid('edit_message_id').references(() => chatMessages.id, { onDelete: 'set null' }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [unique('chat_turns_session_turn_unique').on(t.sessionId, t.turnNo)],
);
