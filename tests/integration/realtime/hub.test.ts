import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { createHub } from "@/server/realtime/hub";
import { deleteRealtimeEventsOlderThan, MAX_PAYLOAD_BYTES, publish, type StoredRealtimeEvent } from "@/server/realtime/publish";
import { replaySince } from "@/server/realtime/replay";
import { sql } from "drizzle-orm";

const hub = createHub({ databaseUrl: process.env.DATABASE_URL! });
beforeAll(() => hub.ready());
afterAll(() => hub.stop());

const channel = () => `workspace:${crypto.randomUUID()}`;

function collect(channels: string[]) {
  const events: StoredRealtimeEvent[] = [];
  const waiters: (() => void)[] = [];
  const subscription = hub.subscribe({
    channels,
    send: (event) => {
      events.push(event);
      waiters.splice(0).forEach((w) => w());
    },
  });
  const until = async (count: number, timeoutMs = 1_000) => {
    const deadline = Date.now() + timeoutMs;
    while (events.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} events within ${timeoutMs} ms, got ${events.length}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
    return events;
  };
  return { events, until, unsubscribe: () => subscription.unsubscribe() };
}

describe("publish → hub", () => {
  it("delivers a published event to the subscribers of its channel only, with its id and client mutation id", async () => {
    await hub.ready();
    const a = channel();
    const b = channel();
    const onA = collect([a]);
    const onB = collect([b]);
    const published = await publish(a, { type: "members.changed", data: { n: 1 }, clientMutationId: "cm-1" });
    const [event] = await onA.until(1);
    expect(event).toMatchObject({ id: published.id, channel: a, type: "members.changed", data: { n: 1 }, clientMutationId: "cm-1" });
    expect(event!.createdAt).toBeInstanceOf(Date);
    // Events arrive in id order: once a later one on b is here, a's would have been too.
    const sentinel = await publish(b, { type: "sentinel", data: {} });
    expect((await onB.until(1)).map((e) => e.id)).toEqual([sentinel.id]);
  });

  it("delivers a burst in id order", async () => {
    const c = channel();
    const sub = collect([c]);
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push((await publish(c, { type: "tick", data: { i } })).id);
    const events = await sub.until(30);
    expect(events.map((e) => e.id)).toEqual(ids);
    expect(ids.map(BigInt)).toEqual([...ids.map(BigInt)].sort((x, y) => (x < y ? -1 : 1)));
  });

  it("notifies only when the publishing transaction commits", async () => {
    const c = channel();
    const sub = collect([c]);
    await transactionWithEffects(db, async (tx) => {
      await publish(c, { type: "rolled.back", data: {} }, tx);
      throw new Error("rollback");
    }).catch(() => {});
    await transactionWithEffects(db, async (tx) => {
      await publish(c, { type: "committed", data: {} }, tx);
    });
    // A later event arrives after anything the rolled-back transaction could have sent.
    await publish(c, { type: "sentinel", data: {} });
    const events = await sub.until(2);
    expect(events.map((e) => e.type)).toEqual(["committed", "sentinel"]);
  });

  it("refuses unknown channels and payloads over the size limit", async () => {
    await expect(publish("nope", { type: "x", data: {} })).rejects.toThrow(/not a realtime channel/);
    await expect(publish(channel(), { type: "big", data: { s: "x".repeat(MAX_PAYLOAD_BYTES) } })).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      userMessage: expect.stringMatching(/limit is 8192/),
    });
  });

  it("drops a subscriber whose buffer overflows while a fast one on the same channel gets every event", async () => {
    const c = channel();
    const fast = collect([c]);
    let dropped: string | null = null;
    let slowCalls = 0;
    hub.subscribe({
      channels: [c],
      maxBuffered: 3,
      // Never finishes: a client whose socket never drains.
      send: () => {
        slowCalls += 1;
        return new Promise<void>(() => {});
      },
      onDrop: (reason) => (dropped = reason),
    });
    for (let i = 0; i < 10; i++) await publish(c, { type: "tick", data: { i } });
    const events = await fast.until(10);
    expect(events.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(dropped).toBe("overflow");
    expect(slowCalls).toBe(1);
  });
});

describe("replaySince", () => {
  it("returns exactly the events after the last id, in order, on the asked channels only", async () => {
    const c = channel();
    const other = channel();
    const first = await publish(c, { type: "e", data: { n: 1 } });
    const e2 = await publish(c, { type: "e", data: { n: 2 } });
    await publish(other, { type: "e", data: { n: 99 } });
    const e3 = await publish(c, { type: "e", data: { n: 3 } });
    const result = await replaySince([c], first.id);
    expect(result.kind).toBe("events");
    if (result.kind === "events") expect(result.events.map((e) => e.id)).toEqual([e2.id, e3.id]);
    expect(await replaySince([c], e3.id)).toMatchObject({ kind: "events", events: [] });
  });

  it("includes an event with a lower id whose transaction committed after the last one seen", async () => {
    const c = channel();
    const before = await publish(c, { type: "e", data: { n: 0 } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let slowId = "";
    const inserted = new Promise<void>((resolve) => {
      void transactionWithEffects(db, async (tx) => {
        slowId = (await publish(c, { type: "e", data: { n: "slow" } }, tx)).id;
        resolve();
        await gate;
      });
    });
    await inserted;
    // Committed first with a higher id: a live client has it, and it becomes that client's Last-Event-ID.
    const fast = await publish(c, { type: "e", data: { n: "fast" } });
    expect(BigInt(fast.id)).toBeGreaterThan(BigInt(slowId));
    release();
    await expect.poll(async () => (await db.execute(sql`select 1 from realtime_events where id = ${slowId}::bigint`)).length).toBe(1);
    const after = await publish(c, { type: "e", data: { n: "after" } });

    const result = await replaySince([c], fast.id);
    expect(result.kind).toBe("events");
    if (result.kind === "events") expect(result.events.map((e) => e.id)).toEqual([slowId, after.id]);
    // A cursor from before the slow transaction began needs nothing extra.
    const fromBefore = await replaySince([c], before.id);
    if (fromBefore.kind === "events") expect(fromBefore.events.map((e) => e.id)).toEqual([slowId, fast.id, after.id]);
  });

  it("stays exact while some unrelated transaction runs for a long time", async () => {
    const c = channel();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const open = new Promise<void>((resolve) => (began = resolve));
    // Holds the cluster's xmin back for the whole test, as a slow report or job would.
    const longRunning = db.transaction(async (tx) => {
      await tx.execute(sql`select pg_current_xact_id()`);
      began();
      await gate;
    });
    await open;
    try {
      const e1 = await publish(c, { type: "e", data: { n: 1 } });
      const e2 = await publish(c, { type: "e", data: { n: 2 } });
      const e3 = await publish(c, { type: "e", data: { n: 3 } });
      expect(await replaySince([c], e3.id)).toMatchObject({ kind: "events", events: [] });
      const fromFirst = await replaySince([c], e1.id);
      if (fromFirst.kind === "events") expect(fromFirst.events.map((e) => e.id)).toEqual([e2.id, e3.id]);
    } finally {
      release();
      await longRunning;
    }
  });

  it("says refetch when the id is past retention, unknown, or the gap is too long", async () => {
    const c = channel();
    const old = await publish(c, { type: "e", data: {} });
    await publish(c, { type: "e", data: {} });
    await publish(c, { type: "e", data: {} });
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect(await replaySince([c], old.id, { now: tomorrow })).toEqual({ kind: "refetch", reason: "expired" });
    expect(await replaySince([c], "999999999999")).toEqual({ kind: "refetch", reason: "unknown_id" });
    expect(await replaySince([c], "not-an-id")).toEqual({ kind: "refetch", reason: "unknown_id" });
    expect(await replaySince([c], old.id, { limit: 1 })).toEqual({ kind: "refetch", reason: "too_many" });
  });

  it("retention cleanup deletes old rows, after which their ids say refetch", async () => {
    const c = channel();
    const old = await publish(c, { type: "e", data: {} });
    await db.execute(sql`update realtime_events set created_at = now() - interval '2 days' where id = ${old.id}::bigint`);
    const deleted = await deleteRealtimeEventsOlderThan(db, new Date(Date.now() - 24 * 60 * 60 * 1000));
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await replaySince([c], old.id)).toEqual({ kind: "refetch", reason: "unknown_id" });
  });
});
