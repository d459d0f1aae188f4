import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// The client reads INNGEST_DEV when it is constructed: start the fake event API first.
const api = await vi.hoisted(async () => {
  const { startEventApi } = await import("./event-api");
  const started = await startEventApi();
  process.env.INNGEST_DEV = started.url;
  return started;
});

import { db } from "@/server/db/client";
import { devMailbox, outbox } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { relayOutbox, sweepOutbox } from "@/server/outbox/relay";

afterAll(() => api.close());
beforeEach(() => {
  api.state.down = false;
  api.state.requests.length = 0;
});

const email = (to: string) => ({ to, subject: `Hello ${to}`, text: "hi", html: "<p>hi</p>" });
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

async function sendEmails(...to: string[]): Promise<string[]> {
  await transactionWithEffects(db, async (_tx, effects) => {
    for (const address of to) await effects.email(email(address));
  });
  const rows = await db.select({ id: outbox.id, payload: outbox.payload }).from(outbox);
  return rows.filter((r) => to.includes((r.payload as { to: string }).to)).map((r) => r.id);
}

describe("outbox relay (Inngest configured)", () => {
  it("sends each row after commit as app/email.requested with the outbox id as event id, once", async () => {
    const ids = await sendEmails("a@relay.test", "b@relay.test");
    expect(api.events()).toEqual(
      expect.arrayContaining(ids.map((id) => expect.objectContaining({ id, name: "app/email.requested", data: { outboxId: id } }))),
    );
    expect(api.events()).toHaveLength(2);
    const rows = await db.select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((r) => r.relayedAt !== null && r.sentAt === null)).toBe(true);
    // Delivery is the deliver-email job's: nothing landed inline.
    expect(await db.select().from(devMailbox).where(inArray(devMailbox.outboxId, ids))).toEqual([]);

    // Relaying again (a retried request) or sweeping later sends nothing new.
    await relayOutbox(db, ids);
    expect(await sweepOutbox(db, { now: later(3600) })).toEqual({ relayed: 0, failed: 0 });
    expect(api.events()).toHaveLength(2);
  });

  it("sends nothing for a rolled-back transaction", async () => {
    await expect(
      transactionWithEffects(db, async (_tx, effects) => {
        await effects.email(email("rollback@relay.test"));
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(api.events()).toEqual([]);
  });

  it("keeps rows when the event API is down, and a later sweep relays each exactly once", async () => {
    api.state.down = true;
    const [id] = await sendEmails("down@relay.test");
    const [stuck] = await db.select().from(outbox).where(eq(outbox.id, id!));
    expect(stuck).toMatchObject({ relayedAt: null, sentAt: null, relayAttempts: 1, lastError: expect.stringMatching(/^relay: /) });
    expect(stuck!.nextRelayAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);

    // Still down at the first sweep: backoff doubles.
    const firstSweep = later(61);
    expect(await sweepOutbox(db, { now: firstSweep })).toEqual({ relayed: 0, failed: 1 });
    const [backedOff] = await db.select().from(outbox).where(eq(outbox.id, id!));
    expect(backedOff!.relayAttempts).toBe(2);
    expect(backedOff!.nextRelayAt!.getTime() - firstSweep.getTime()).toBe(60_000);

    api.state.down = false;
    expect(await sweepOutbox(db, { now: later(61 + 30) })).toEqual({ relayed: 0, failed: 0 }); // backoff not over
    expect(await sweepOutbox(db, { now: later(61 + 61) })).toEqual({ relayed: 1, failed: 0 });
    expect(await sweepOutbox(db, { now: later(3600) })).toEqual({ relayed: 0, failed: 0 });
    expect(api.events().filter((e) => e.id === id)).toHaveLength(1);
    const [relayed] = await db.select().from(outbox).where(eq(outbox.id, id!));
    expect(relayed!.relayedAt).not.toBeNull();
  });

  it("leaves fresh rows to the after-commit relay (grace period)", async () => {
    api.state.down = true;
    await sendEmails("fresh@relay.test");
    api.state.down = false;
    api.state.requests.length = 0;
    expect(await sweepOutbox(db)).toEqual({ relayed: 0, failed: 0 });
    expect(api.events()).toEqual([]);
  });
});
