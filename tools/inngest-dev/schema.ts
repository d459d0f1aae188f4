/**
 * The dev server's own tables, in schema `inngest_dev`. Created at start rather than through the
 * app's drizzle migrations: this is a dev tool's private state, never shipped, and dropping the
 * schema resets it without touching app data.
 */
import type { Sql } from "postgres";

const DDL = `
create schema if not exists inngest_dev;

create table if not exists inngest_dev.events (
  id text primary key,
  name text not null,
  data jsonb not null,
  "user" jsonb,
  ts bigint not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
create index if not exists events_unprocessed on inngest_dev.events (received_at) where processed_at is null;

create table if not exists inngest_dev.functions (
  id text primary key,
  app_url text not null,
  name text,
  config jsonb not null,
  unsupported text[] not null default '{}',
  synced_at timestamptz not null default now()
);

create table if not exists inngest_dev.crons (
  function_id text not null,
  cron text not null,
  next_at timestamptz not null,
  primary key (function_id, cron)
);

create table if not exists inngest_dev.runs (
  id text primary key,
  function_id text not null,
  event jsonb not null,
  status text not null check (status in ('queued','running','sleeping','waiting','completed','failed','cancelled')),
  output jsonb,
  error jsonb,
  attempts int not null default 0,
  concurrency jsonb not null default '[]',
  idempotency_key text,
  parallel boolean not null default false,
  stack jsonb not null default '[]',
  parent jsonb,
  replay_of text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz,
  updated_at timestamptz not null default now()
);
create index if not exists runs_by_status on inngest_dev.runs (status, created_at desc);
create index if not exists runs_by_idempotency on inngest_dev.runs (function_id, idempotency_key, created_at) where idempotency_key is not null;

create table if not exists inngest_dev.steps (
  run_id text not null references inngest_dev.runs (id) on delete cascade,
  id text not null,
  name text,
  display_name text,
  op text not null,
  status text not null check (status in ('planned','sleeping','waiting','invoking','completed','failed','cancelled')),
  attempts int not null default 0,
  result jsonb,
  error jsonb,
  opts jsonb,
  wait_event text,
  wait_if text,
  created_at timestamptz not null default now(),
  ended_at timestamptz,
  primary key (run_id, id)
);
create index if not exists steps_waiting on inngest_dev.steps (wait_event) where status = 'waiting';

-- One row per thing the executor must do at or after run_at: call the app (discover, step), or
-- resolve a timer (sleep, wait_timeout). Claimed with FOR UPDATE SKIP LOCKED.
create table if not exists inngest_dev.jobs (
  id bigserial primary key,
  run_id text not null references inngest_dev.runs (id) on delete cascade,
  kind text not null check (kind in ('discover','step','sleep','wait_timeout')),
  step_id text,
  attempt int not null default 0,
  run_at timestamptz not null default now(),
  claimed_at timestamptz
);
create index if not exists jobs_ready on inngest_dev.jobs (run_at) where claimed_at is null;
`;

export async function createSchema(sql: Sql): Promise<void> {
  // Concurrent starts against one database would race on CREATE ... IF NOT EXISTS.
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('inngest_dev.schema'))`;
    await tx.unsafe(DDL);
  });
}
