import "server-only";
import type { Sql, TransactionSql } from "postgres";
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
 * postgres.js's `begin` ignores what COMMIT answers, and Postgres answers the COMMIT of a
 * failed transaction with "ROLLBACK", not an error: a transaction that failed where nobody
 * looked (behind a pooler, a statement that landed on a server connection without its
 * prepared statement) would be acknowledged as saved. So before postgres.js commits, one
 * `select 1` in the transaction proves it is still alive; in a failed one it answers 25P02 and
 * this throws `CommitFailedError` (the first statement that failed is its `cause`), which
 * postgres.js rolls back and rethrows. A probe rather than our own COMMIT: postgres.js hands
 * the connection back to the pool as soon as the server reports "idle", so a COMMIT inside
 * `begin` would race its own. Not counted as a query.
 */
function verifiedBegin(sql: Sql, options: string | undefined, fn: (tx: Sql) => unknown, observe: QueryObserver): Promise<unknown> {
  const run = async (tx: TransactionSql) => {
    let firstFailure: unknown;
    const result = await fn(
      instrumentSql(tx as unknown as Sql, (query, ms, error) => {
        if (error) firstFailure ??= error;
        observe(query, ms, error);
      }),
    );
    try {
      await tx.unsafe("select 1");
    } catch (error) {
      if ((error as { code?: unknown }).code === IN_FAILED_TRANSACTION) throw new CommitFailedError("ROLLBACK", firstFailure ?? error);
      throw error;
    }
    return result;
  };
  return options ? sql.begin(options, run) : sql.begin(run);
}

const IN_FAILED_TRANSACTION = "25P02";
