/**
 * Cron triggers. The next fire time lives in Postgres, so a restart neither loses nor repeats
 * a tick; after downtime a schedule fires once and moves on rather than catching up every tick.
 */
import type { Sql } from "postgres";
import { nextCronTime, parseCron } from "./cron";
import { ulid } from "./ids";
import { createRun } from "./runs";
import { CRON_EVENT, type Log, type StoredFunction } from "./types";

export async function fireCrons(sql: Sql, log: Log): Promise<number> {
  return sql.begin(async (tx) => {
    const due = await tx<{ function_id: string; cron: string; next_at: Date }[]>`
      select * from inngest_dev.crons where next_at <= now() for update skip locked`;
    for (const schedule of due) {
      const [fn] = await tx<StoredFunction[]>`select * from inngest_dev.functions where id = ${schedule.function_id}`;
      const now = new Date();
      const next = nextCronTime(parseCron(schedule.cron), schedule.next_at > now ? schedule.next_at : now);
      await tx`update inngest_dev.crons set next_at = ${next} where function_id = ${schedule.function_id} and cron = ${schedule.cron}`;
      if (!fn) continue;
      const event = { id: ulid(), name: CRON_EVENT, data: { cron: schedule.cron }, ts: schedule.next_at.getTime() };
      const runId = await createRun(tx, fn, event);
      log(`cron ${schedule.cron} → run ${runId} of ${fn.id}`);
    }
    return due.length;
  });
}
