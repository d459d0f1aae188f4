import type { Sql } from "postgres";
import type { Ctx } from "./context";

export type Runner = <T>(request: Ctx["request"], fn: (ctx: Ctx) => Promise<T>) => Promise<T>;

/**
 * Runs each API call, page action and control action alone and in one transaction: a dev
 * tool's volume, and it makes every request atomic and idempotency exact. Deliveries are
 * nudged after commit.
 */
export function createRunner(deps: { sql: Sql; baseUrl: () => string; webhooks: () => Ctx["webhooks"]; afterCommit: () => void }): Runner {
  let queue: Promise<unknown> = Promise.resolve();
  return async (request, fn) => {
    const run = queue.then(() => deps.sql.begin((tx) => fn({ db: tx, baseUrl: deps.baseUrl(), request, webhooks: deps.webhooks() })));
    queue = run.catch(() => undefined);
    const result = await run;
    deps.afterCommit();
    return result as Awaited<ReturnType<typeof fn>>;
  };
}
