/**
 * Transports other than SSE (Pusher) must never carry an event its transaction rolled back,
 * nor carry it before the commit makes the change it describes visible.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { publish, type StoredRealtimeEvent } from "@/server/realtime/publish";
import { registerTransport } from "@/server/realtime/transports";
import { sql } from "drizzle-orm";

const channel = () => `workspace:${crypto.randomUUID()}`;
let delivered: StoredRealtimeEvent[];
let unregister: () => void;

beforeEach(() => {
  delivered = [];
  unregister = registerTransport({ name: "recorder", deliver: async (_channel, event) => void delivered.push(event) });
});
afterEach(() => unregister());

describe("publish() and other transports", () => {
  it("hands an event published with the pool to the transports before returning", async () => {
    const stored = await publish(channel(), { type: "item.created", data: { n: 1 } });
    expect(delivered.map((e) => e.id)).toEqual([stored.id]);
  });

  it("holds an event published inside a transaction until that transaction commits", async () => {
    const name = channel();
    let seenInside: number | null = null;
    const stored = await transactionWithEffects(db, async (tx) => {
      const event = await publish(name, { type: "item.created", data: { n: 2 } }, tx);
      seenInside = delivered.length;
      return event;
    });
    expect(seenInside).toBe(0);
    expect(delivered.map((e) => e.id)).toEqual([stored.id]);
  });

  it("never hands over an event whose transaction rolled back, and keeps no row of it", async () => {
    const name = channel();
    await expect(
      transactionWithEffects(db, async (tx) => {
        await publish(name, { type: "item.created", data: { n: 3 } }, tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(delivered).toEqual([]);
    const rows = (await db.execute(sql`select count(*)::int as n from realtime_events where channel = ${name}`)) as unknown as { n: number }[];
    expect(rows[0]!.n).toBe(0);
  });

  it("refuses a transaction that can't say when it commits, rolling it back", async () => {
    const name = channel();
    await expect(db.transaction((tx) => publish(name, { type: "item.created", data: { n: 4 } }, tx))).rejects.toThrow(/transactionWithEffects/);
    expect(delivered).toEqual([]);
    const rows = (await db.execute(sql`select count(*)::int as n from realtime_events where channel = ${name}`)) as unknown as { n: number }[];
    expect(rows[0]!.n).toBe(0);
  });
});
