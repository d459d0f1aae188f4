/**
 * The hub hears NOTIFYs asynchronously, so after a reconnect a notification can arrive for an
 * event the client already had, or that replay just wrote. The stream must not send those
 * twice — but must still send a late commit (a lower id that committed after the client's
 * last event). A hand-driven hub delivers exactly the notifications each case needs.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import type { Hub, Subscriber } from "@/server/realtime/hub";
import { publish, type StoredRealtimeEvent } from "@/server/realtime/publish";
import { handleRealtimeStream } from "@/server/realtime/sse";
import { signedInHeaders } from "../../support/sessions";

const subscribers: Subscriber[] = [];
const hub: Hub = {
  ready: async () => {},
  subscribe(subscriber) {
    subscribers.push(subscriber);
    return { unsubscribe: () => void subscribers.splice(subscribers.indexOf(subscriber), 1) };
  },
  subscriberCount: () => subscribers.length,
  stop: async () => {},
};
const notify = (event: StoredRealtimeEvent) => subscribers.forEach((s) => void s.send(event));

let server: http.Server;
let origin: string;
let headers: Record<string, string>;
let channel: string;
const requests: http.ClientRequest[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => void handleRealtimeStream(req, res, hub));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const random = createRandom(5151);
  const alice = (await createUser(db, random))!;
  channel = `workspace:${(await createWorkspaceWithMembers(db, random, { owner: alice })).id}`;
  headers = await signedInHeaders(alice.id);
});
afterAll(async () => {
  requests.forEach((r) => r.destroy());
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function open(lastEventId: string) {
  let text = "";
  const req = http.get(`${origin}/api/realtime?channels=${channel}`, { headers: { ...headers, "last-event-id": lastEventId } }, (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => (text += chunk));
  });
  requests.push(req);
  const ids = () => [...text.matchAll(/^id: (\d+)\ndata: /gm)].map((m) => m[1]);
  const until = async (predicate: () => boolean) => {
    for (const deadline = Date.now() + 2_000; !predicate(); ) {
      if (Date.now() > deadline) throw new Error(`timed out; stream so far:\n${text}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { ids, until, ready: () => until(() => text.includes("event: realtime.ready")) };
}

describe("live events after a replay", () => {
  it("skips late notifications of what the client had or was replayed, and still sends a late commit", async () => {
    const before = await publish(channel, { type: "e", data: { n: "before" } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let slow!: StoredRealtimeEvent;
    const slowInserted = new Promise<void>((resolve) => {
      void transactionWithEffects(db, async (tx) => {
        slow = await publish(channel, { type: "e", data: { n: "slow" } }, tx);
        resolve();
        await gate;
      });
    });
    await slowInserted;
    const seen = await publish(channel, { type: "e", data: { n: "seen" } });
    const missed = await publish(channel, { type: "e", data: { n: "missed" } });

    const stream = open(seen.id);
    await stream.ready();
    expect(stream.ids()).toEqual([missed.id]);

    // Stale notifications: the client had `before` and `seen`; replay wrote `missed`.
    notify(before);
    notify(seen);
    notify(missed);
    // `slow` commits only now, after the replay: its notification is the only way it arrives.
    release();
    await expect.poll(async () => (await db.execute(`select 1 from realtime_events where id = ${slow.id}`)).length).toBe(1);
    notify(slow);
    const after = await publish(channel, { type: "e", data: { n: "after" } });
    notify(after);
    await stream.until(() => stream.ids().includes(after.id));
    expect(stream.ids()).toEqual([missed.id, slow.id, after.id]);
  });
});
