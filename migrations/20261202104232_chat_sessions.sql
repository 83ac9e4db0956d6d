CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"parent_id" uuid,
	"role" text NOT NULL,
	"source" text NOT NULL,
	"content" text NOT NULL,
	"turn_no" integer NOT NULL,
	"slot_no" integer,
	"state" text DEFAULT 'done' NOT NULL,
	"superseded" boolean DEFAULT false NOT NULL,
	"provenance" jsonb,
	"error" jsonb,
	"edited_from_id" uuid,
	"edit_diff" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chat_messages_role_check" CHECK ("chat_messages"."role" in ('system', 'user', 'assistant'))
);
--> statement-breakpoint
CREATE TABLE "chat_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"candidates" jsonb NOT NULL,
	"system_prompt" text NOT NULL,
	"turn_limit" integer NOT NULL,
	"token_budget" integer NOT NULL,
	"time_budget_minutes" double precision NOT NULL,
	"tokens_used" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "chat_sessions_item_user_unique" UNIQUE("item_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "chat_turns" (
	"session_id" uuid NOT NULL,
	"turn_no" integer NOT NULL,
	"user_message_id" uuid NOT NULL,
	"display_order" jsonb NOT NULL,
	"draft_answers" jsonb,
	"draft_edit" text,
	"answers" jsonb,
	"chosen_message_id" uuid,
	"edit_message_id" uuid,
	"completed_at" timestamp with time zone,
	CONSTRAINT "chat_turns_session_turn_unique" UNIQUE("session_id","turn_no")
);
--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_kind_check";--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_parent_id_chat_messages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_edited_from_id_chat_messages_id_fk" FOREIGN KEY ("edited_from_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_user_message_id_chat_messages_id_fk" FOREIGN KEY ("user_message_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_chosen_message_id_chat_messages_id_fk" FOREIGN KEY ("chosen_message_id") REFERENCES "public"."chat_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_edit_message_id_chat_messages_id_fk" FOREIGN KEY ("edit_message_id") REFERENCES "public"."chat_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_messages_session_idx" ON "chat_messages" USING btree ("session_id","turn_no");--> statement-breakpoint
CREATE INDEX "chat_sessions_project_idx" ON "chat_sessions" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_kind_check" CHECK ("projects"."kind" in ('demonstration', 'ranking', 'chat'));