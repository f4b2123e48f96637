CREATE TABLE "generations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"model" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"instance_id" text NOT NULL,
	"lease_until" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone,
	CONSTRAINT "generations_status_check" CHECK ("generations"."status" in ('running', 'done', 'stopped', 'error', 'interrupted'))
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "dropped_messages" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "generation_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "last_event_id" integer;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "stream_state" jsonb;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generations_running_user_idx" ON "generations" USING btree ("user_id") WHERE "generations"."status" = 'running';--> statement-breakpoint
CREATE INDEX "generations_running_lease_idx" ON "generations" USING btree ("lease_until") WHERE "generations"."status" = 'running';--> statement-breakpoint
CREATE INDEX "generations_message_idx" ON "generations" USING btree ("message_id");