CREATE TABLE "comparison_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"comparison_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"turn" integer NOT NULL,
	"prompt" text NOT NULL,
	"repeats" integer NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"labels" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comparison_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"comparison_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"repeat" integer NOT NULL,
	"column" integer NOT NULL,
	"model" text NOT NULL,
	"generation_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"metrics" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comparison_votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"comparison_id" uuid,
	"batch_id" uuid,
	"model_a" text NOT NULL,
	"model_b" text NOT NULL,
	"winner" text NOT NULL,
	"tag" text,
	"prompt" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comparison_votes_winner_check" CHECK ("comparison_votes"."winner" in ('model_a', 'model_b', 'tie', 'tie (bothbad)'))
);
--> statement-breakpoint
CREATE TABLE "comparisons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"blind" boolean DEFAULT false NOT NULL,
	"columns" jsonb NOT NULL,
	"shared" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcp_servers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"transport" text NOT NULL,
	"url" text,
	"command" text,
	"args" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"tools" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_servers_target" CHECK (("mcp_servers"."transport" = 'http' and "mcp_servers"."url" is not null) or ("mcp_servers"."transport" = 'stdio' and "mcp_servers"."command" is not null))
);
--> statement-breakpoint
CREATE TABLE "user_tools" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parameters" jsonb NOT NULL,
	"mode" text NOT NULL,
	"endpoint_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "comparison_id" uuid;--> statement-breakpoint
ALTER TABLE "comparison_batches" ADD CONSTRAINT "comparison_batches_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_batches" ADD CONSTRAINT "comparison_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_batch_id_comparison_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."comparison_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_votes" ADD CONSTRAINT "comparison_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_votes" ADD CONSTRAINT "comparison_votes_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_votes" ADD CONSTRAINT "comparison_votes_batch_id_comparison_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."comparison_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparisons" ADD CONSTRAINT "comparisons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_servers" ADD CONSTRAINT "mcp_servers_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tools" ADD CONSTRAINT "user_tools_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comparison_batches_comparison_idx" ON "comparison_batches" USING btree ("comparison_id","created_at");--> statement-breakpoint
CREATE INDEX "comparison_runs_batch_idx" ON "comparison_runs" USING btree ("batch_id","repeat","column");--> statement-breakpoint
CREATE INDEX "comparison_votes_user_idx" ON "comparison_votes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "comparison_votes_batch_idx" ON "comparison_votes" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "comparisons_user_updated_idx" ON "comparisons" USING btree ("user_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mcp_servers_owner_idx" ON "mcp_servers" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "user_tools_owner_idx" ON "user_tools" USING btree ("owner_id");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_comparison_id_comparisons_id_fk" FOREIGN KEY ("comparison_id") REFERENCES "public"."comparisons"("id") ON DELETE cascade ON UPDATE no action;