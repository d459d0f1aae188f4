/**
 * The gateway's own tables, in schema `stripe_dev`, created at start (a dev tool's private
 * state, never shipped; `drop schema stripe_dev cascade` resets it). Stripe objects are stored
 * whole, as the JSON the API answers with, so a restart serves exactly what it served before.
 */
import type { Sql } from "postgres";

const DDL = `
create schema if not exists stripe_dev;

create table if not exists stripe_dev.objects (
  id text primary key,
  type text not null,
  seq bigserial,
  data jsonb not null
);
create index if not exists objects_by_type on stripe_dev.objects (type, seq desc);
create index if not exists objects_by_customer on stripe_dev.objects (type, (data->>'customer'));

-- Stripe keeps a POST's response under its Idempotency-Key for 24 hours.
create table if not exists stripe_dev.idempotency (
  key text primary key,
  fingerprint text not null,
  status int not null,
  body jsonb not null,
  created_at timestamptz not null default now()
);

create table if not exists stripe_dev.events (
  id text primary key,
  seq bigserial,
  type text not null,
  data jsonb not null
);

create table if not exists stripe_dev.deliveries (
  id bigserial primary key,
  event_id text not null references stripe_dev.events (id) on delete cascade,
  url text not null,
  status text not null check (status in ('pending', 'held', 'succeeded', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_status int,
  last_error text,
  updated_at timestamptz not null default now()
);
create index if not exists deliveries_due on stripe_dev.deliveries (next_attempt_at) where status = 'pending';

create table if not exists stripe_dev.meter_events (
  identifier text primary key,
  event_name text not null,
  customer text not null,
  value numeric not null,
  ts bigint not null,
  data jsonb not null
);
create index if not exists meter_events_usage on stripe_dev.meter_events (customer, event_name, ts);
`;

export async function createSchema(sql: Sql): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext('stripe_dev.schema'))`;
    await tx.unsafe(DDL);
  });
}
