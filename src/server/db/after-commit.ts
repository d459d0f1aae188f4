import "server-only";
import { PgTransaction } from "drizzle-orm/pg-core";
import { logger } from "@/server/logging/logger";
import type { DbOrTx, Tx } from "./client";

type Callback = () => Promise<void> | void;

/** Callbacks waiting for the commit of a transaction opened by `transactionWithEffects`. */
const pending = new WeakMap<object, Callback[]>();

export const isTransaction = (db: DbOrTx): db is Tx => db instanceof PgTransaction;

/**
 * Runs `fn` now when `db` is the pool, or once `db`'s transaction commits (never after a
 * rollback). Only transactions opened by `transactionWithEffects` know when they commit; any
 * other transaction handle is refused loudly, because running `fn` early would leak work
 * (a Pusher message, say) that the rollback then contradicts.
 */
export async function afterCommit(db: DbOrTx, fn: Callback): Promise<void> {
  if (!isTransaction(db)) return fn();
  const callbacks = pending.get(db);
  if (!callbacks) {
    throw new Error("afterCommit: this transaction wasn't opened by transactionWithEffects(db, fn), so nothing knows when it commits; open it with transactionWithEffects or call after commit with the pool");
  }
  callbacks.push(fn);
}

/** Opens the bookkeeping for one transaction; `commit()` runs the callbacks in order, each failure logged, never thrown. */
export function trackCommit(tx: Tx): { release(): void; commit(): Promise<void> } {
  const callbacks: Callback[] = [];
  pending.set(tx, callbacks);
  return {
    release: () => void pending.delete(tx),
    async commit() {
      for (const callback of callbacks) {
        try {
          await callback();
        } catch (error) {
          logger.error({ err: error }, "after-commit callback failed");
        }
      }
    },
  };
}
