import "server-only";
import type { ReservedSql, Sql } from "postgres";
import { CommitFailedError } from "./errors";

export type QueryObserver = (query: string, ms: number, error?: unknown) => void;

/**
 * Wraps a postgres.js client so every statement drizzle sends (including those inside
 * transactions and savepoints) reports its text and duration. drizzle only calls
 * `unsafe`, `begin` and `savepoint`, so those are the seams.
 */
export function instrumentSql<T extends Sql>(sql: T, observe: QueryObserver): T {
  return new Proxy(sql, {
    // sql`select …` (tagged template) is a call on the client itself.
    apply(target, thisArg, args) {
      const pending = Reflect.apply(target, thisArg, args) as ReturnType<Sql>;
      const strings = args[0] as TemplateStringsArray | undefined;
      return Array.isArray(strings) && "raw" in strings ? timeQuery(pending, strings.join("$?"), observe) : pending;
    },
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], options?: unknown) =>
          timeQuery((value as Sql["unsafe"]).call(target, query, params as never, options as never), query, observe);
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const cb = args.pop() as (tx: Sql) => unknown;
          return verifiedBegin(target, args[0] as string | undefined, cb, observe);
        };
      }
      if (prop === "savepoint") {
        return (...args: unknown[]) => {
          const cb = args.pop() as (tx: Sql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (tx: Sql) =>
            cb(instrumentSql(tx, observe)),
          );
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * postgres.js queries are lazy promises: they execute on first `then`. Timing starts
 * there, so the figure is execution time, not time spent queued in the caller.
 */
function timeQuery<Q extends PromiseLike<unknown>>(pending: Q, query: string, observe: QueryObserver): Q {
  const originalThen = pending.then.bind(pending);
  let observed = false;
  (pending as { then: unknown }).then = (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => {
    if (observed) return originalThen(onFulfilled, onRejected);
    observed = true;
    const start = performance.now();
    return originalThen(
      (rows) => {
        observe(query, performance.now() - start);
        return onFulfilled ? onFulfilled(rows) : rows;
      },
      (error) => {
        observe(query, performance.now() - start, error);
        if (onRejected) return onRejected(error);
        throw error;
      },
    );
  };
  return pending;
}

/**
 * postgres.js's `begin` ignores what COMMIT answers, and Postgres answers a COMMIT of a failed
 * transaction with "ROLLBACK", not an error: a statement that failed where the caller didn't
 * look (behind a pooler, a prepared statement missing on the server the transaction landed on)
 * would be acknowledged as saved. This runs the transaction on a reserved connection and
 * throws `CommitFailedError` unless the server said COMMIT. BEGIN/COMMIT/SAVEPOINT are not
 * observed, so query counts stay what the caller wrote.
 */
async function verifiedBegin(sql: Sql, options: string | undefined, fn: (tx: Sql) => unknown, observe: QueryObserver): Promise<unknown> {
  const conn = await sql.reserve();
  let firstFailure: unknown;
  const tx = withSavepoints(
    instrumentSql(conn as unknown as Sql, (query, ms, error) => {
      if (error) firstFailure ??= error;
      observe(query, ms, error);
    }),
    conn,
  );
  try {
    await conn.unsafe(options ? `begin ${options.replace(/[^a-z ]/gi, "")}` : "begin");
    let result: unknown;
    try {
      result = await fn(tx);
    } catch (error) {
      await conn.unsafe("rollback").catch(() => {});
      throw error;
    }
    const done = await conn.unsafe("commit");
    if (done.command !== "COMMIT") throw new CommitFailedError(done.command, firstFailure);
    return result;
  } finally {
    conn.release();
  }
}

/** drizzle's nested transactions call `tx.savepoint(fn)`; a reserved connection has none. */
function withSavepoints(tx: Sql, conn: ReservedSql): Sql {
  let next = 0;
  const savepoint = async (fn: (sp: Sql) => unknown) => {
    const name = `s${next++}`;
    await conn.unsafe(`savepoint ${name}`);
    try {
      const result = await fn(scoped);
      await conn.unsafe(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await conn.unsafe(`rollback to savepoint ${name}`).catch(() => {});
      throw error;
    }
  };
  const scoped: Sql = new Proxy(tx, { get: (target, prop, receiver) => (prop === "savepoint" ? savepoint : Reflect.get(target, prop, receiver)) });
  return scoped;
}
