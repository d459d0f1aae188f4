/**
 * Once per run: a real Postgres (an ephemeral embedded cluster, or the server named by
 * DATABASE_URL in the shell) and a migrated template database that every test file
 * clones into a database of its own.
 */
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../tools/embedded-postgres";
import { migrateDatabase } from "../../src/server/db/migrate";

export const TEMPLATE_DB = "groundwork_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
  }
}

let cluster: EmbeddedPostgres | null = null;

export async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    cluster = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `groundwork-vitest-${process.pid}`),
      database: "postgres",
      ephemeral: true,
      fast: true,
    });
    serverUrl = cluster.url;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await admin.end();
  await migrateDatabase(withDatabase(serverUrl, TEMPLATE_DB));
  project.provide("pgServerUrl", serverUrl);
  project.provide("pgTemplate", TEMPLATE_DB);
}

export async function teardown() {
  await cluster?.stop();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
