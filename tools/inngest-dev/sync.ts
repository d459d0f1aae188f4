/**
 * In-band sync: `PUT <serve url>` with `x-inngest-sync-kind: in_band` and `{ url }` makes the SDK
 * answer with its function configs directly (InngestCommHandler.js ~1061–1090), so the dev
 * server never needs the app to call it back. Options the executor does not implement are
 * recorded per function; every run of such a function fails with the list.
 */
import type { Sql } from "postgres";
import { nextCronTime, parseCron } from "./cron";
import { compileExpression } from "./expression";
import { parseDuration } from "./time";
import type { FunctionConfig, Log } from "./types";

const IMPLEMENTED = new Set(["id", "name", "triggers", "steps", "idempotency", "concurrency", "cancel"]);

function unsupportedIn(config: FunctionConfig): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && value !== null && !IMPLEMENTED.has(key)) problems.push(`unsupported option ${key}`);
  }
  const check = (what: string, fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  for (const trigger of config.triggers) {
    if ("cron" in trigger) {
      check("cron trigger", () => parseCron(trigger.cron));
      if (trigger.jitter) problems.push("unsupported option cron jitter");
    } else if (trigger.expression) check("trigger expression", () => compileExpression(trigger.expression!));
  }
  if (config.idempotency) check("idempotency", () => compileExpression(config.idempotency!));
  const concurrency = typeof config.concurrency === "number" ? [] : [config.concurrency ?? []].flat();
  for (const option of concurrency) if (option.key) check("concurrency key", () => compileExpression(option.key!));
  for (const cancel of config.cancel ?? []) {
    if (cancel.if) check("cancelOn", () => compileExpression(cancel.if!));
    if (cancel.timeout) check("cancelOn timeout", () => parseDuration(cancel.timeout!));
  }
  return problems;
}

export type SyncResult = { functions: string[]; unsupported: Record<string, string[]> };

export async function syncApp(sql: Sql, appUrl: string, log: Log): Promise<SyncResult> {
  const response = await fetch(appUrl, {
    method: "PUT",
    headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
    body: JSON.stringify({ url: appUrl }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Sync with ${appUrl} failed: HTTP ${response.status} ${text.slice(0, 500)}`);
  const body = JSON.parse(text) as { functions?: FunctionConfig[] };
  if (!Array.isArray(body.functions)) throw new Error(`Sync with ${appUrl} returned no function list (is it an Inngest serve endpoint in dev mode?)`);
  return storeFunctions(sql, appUrl, body.functions, log);
}

/** Replaces what is known about one app's functions (also used by out-of-band `POST /fn/register`). */
export async function storeFunctions(sql: Sql, appUrl: string, functions: FunctionConfig[], log: Log): Promise<SyncResult> {
  const result: SyncResult = { functions: [], unsupported: {} };
  await sql.begin(async (tx) => {
    const ids = functions.map((fn) => fn.id);
    await tx`delete from inngest_dev.crons where function_id in (select id from inngest_dev.functions where app_url = ${appUrl} and id <> all(${ids}))`;
    await tx`delete from inngest_dev.functions where app_url = ${appUrl} and id <> all(${ids})`;
    for (const config of functions) {
      const unsupported = unsupportedIn(config);
      result.functions.push(config.id);
      if (unsupported.length) {
        result.unsupported[config.id] = unsupported;
        log(`function ${config.id} uses what this dev server does not support; its runs will fail: ${unsupported.join("; ")}`);
      }
      await tx`
        insert into inngest_dev.functions (id, app_url, name, config, unsupported)
        values (${config.id}, ${appUrl}, ${config.name ?? null}, ${tx.json(config as never)}, ${unsupported})
        on conflict (id) do update set app_url = excluded.app_url, name = excluded.name, config = excluded.config,
          unsupported = excluded.unsupported, synced_at = now()`;
      const crons = config.triggers.flatMap((t) => ("cron" in t && !unsupported.some((u) => u.startsWith("cron")) ? [t.cron] : []));
      await tx`delete from inngest_dev.crons where function_id = ${config.id} and cron <> all(${crons})`;
      for (const cron of crons) {
        // An existing schedule keeps its next fire time, so a re-sync or restart neither skips nor doubles a tick.
        await tx`insert into inngest_dev.crons (function_id, cron, next_at) values (${config.id}, ${cron}, ${nextCronTime(parseCron(cron), new Date())})
          on conflict do nothing`;
      }
    }
  });
  log(`synced ${result.functions.length} function(s) from ${appUrl}`);
  return result;
}
