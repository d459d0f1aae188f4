/**
 * GET /api/realtime through a real HTTP server wrapping the Pages Router handler: who may
 * subscribe, the stream's headers and framing, Last-Event-ID replay, and live delivery.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NextApiRequest, NextApiResponse } from "next";
import { createRandom } from "@/lib/random";
import realtimeRoute from "@/pages/api/realtime";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { feedbackBoards } from "@/server/db/schema";
import { ACCESS_NARROWED_EVENT, boardChannel } from "@/server/realtime/channels";
import { eq } from "drizzle-orm";
import { realtimeHub } from "@/server/realtime/hub";
import { publish } from "@/server/realtime/publish";
import { signedInHeaders } from "../../support/sessions";

let server: http.Server;
let origin: string;
const random = createRandom(4242);
let member: Record<string, string>;
let ownChannel: string;
let otherChannel: string;
let publicBoard: string;
let privateBoard: string;
let publicBoardId: string;

beforeAll(async () => {
  server = http.createServer((req, res) => void realtimeRoute(req as NextApiRequest, res as NextApiResponse));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [alice, bob] = [await createUser(db, random), await createUser(db, random)];
  const mine = await createWorkspaceWithMembers(db, random, { owner: alice });
  const theirs = await createWorkspaceWithMembers(db, random, { owner: bob });
  ownChannel = `workspace:${mine.id}`;
  otherChannel = `workspace:${theirs.id}`;
  member = await signedInHeaders(alice.id);
  const open = await createFeedbackBoard(db, random, { workspaceId: mine.id, visibility: "public" });
  const closed = await createFeedbackBoard(db, random, { workspaceId: mine.id, visibility: "private" });
  publicBoardId = open.id;
  publicBoard = boardChannel(open.id);
  privateBoard = boardChannel(closed.id);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await realtimeHub().stop();
});

type Frame = { id?: string; event?: string; data?: string; retry?: string };

/** Opens a stream and parses frames as they arrive. */
function open(query: string, headers: Record<string, string> = {}) {
  const frames: Frame[] = [];
  let raw = "";
  let body = "";
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(`${origin}/api/realtime?${query}`, { headers }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
        raw += chunk;
        let end;
        while ((end = raw.indexOf("\n\n")) !== -1) {
          const block = raw.slice(0, end);
          raw = raw.slice(end + 2);
          const frame: Frame = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const [field, ...rest] = line.split(": ");
            frame[field as keyof Frame] = rest.join(": ");
          }
          if (Object.keys(frame).length) frames.push(frame);
        }
      });
      resolve(res);
    });
    req.on("error", reject);
    closers.push(() => req.destroy());
  });
  const until = async (predicate: (frames: Frame[]) => boolean, timeoutMs = 2_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(frames)) {
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return frames;
  };
  return { response, frames, until, body: () => body };
}
const closers: (() => void)[] = [];
afterAll(() => closers.forEach((close) => close()));

async function readBody(stream: ReturnType<typeof open>) {
  const res = await stream.response;
  if (!res.readableEnded) await new Promise((resolve) => res.once("end", resolve));
  return JSON.parse(stream.body()) as { error: { code: string; message: string; channel?: string } };
}

describe("who may subscribe", () => {
  it("refuses a request without a session with 401", async () => {
    const stream = open(`channels=${ownChannel}`);
    expect((await stream.response).statusCode).toBe(401);
    expect((await readBody(stream)).error.code).toBe("UNAUTHORIZED");
  });

  it("refuses another workspace's channel with 403 naming it, even next to an allowed one", async () => {
    const stream = open(`channels=${ownChannel},${otherChannel}`, member);
    expect((await stream.response).statusCode).toBe(403);
    const body = await readBody(stream);
    expect(body.error).toMatchObject({ code: "FORBIDDEN", channel: otherChannel });
    expect(body.error.message).toContain(otherChannel);
  });

  it("answers 400 for a malformed channel or none", async () => {
    expect((await open("channels=workspace:nope", member).response).statusCode).toBe(400);
    expect((await open("", member).response).statusCode).toBe(400);
  });
});

describe("the stream", () => {
  it("sends SSE headers and retry at once, a ready event with the current id, then live events", async () => {
    const stream = open(`channels=${ownChannel}`, member);
    const res = await stream.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(res.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(res.headers["x-accel-buffering"]).toBe("no");
    expect(res.headers["content-encoding"]).toBeUndefined();
    await stream.until((f) => f.some((x) => x.event === "realtime.ready"));
    expect(stream.body().startsWith("retry: 3000\n\n")).toBe(true);
    const ready = stream.frames.find((x) => x.event === "realtime.ready")!;
    expect(ready.id).toMatch(/^\d+$/);

    const event = await publish(ownChannel, { type: "members.changed", data: { n: 1 }, clientMutationId: "cm-7" });
    await publish(otherChannel, { type: "members.changed", data: { secret: true } });
    const frames = await stream.until((f) => f.some((x) => x.id === event.id));
    const frame = frames.find((x) => x.id === event.id)!;
    expect(frame.event).toBeUndefined();
    expect(JSON.parse(frame.data!)).toEqual({ type: "members.changed", channel: ownChannel, data: { n: 1 }, clientMutationId: "cm-7" });
    // Frames arrive in id order: once one published after the other channel's is here, that one would have been too.
    const sentinel = await publish(ownChannel, { type: "sentinel", data: {} });
    await stream.until((f) => f.some((x) => x.id === sentinel.id));
    expect(stream.body()).not.toContain("secret");
  });

  it("replays exactly the missed events in order (Last-Event-ID) before live ones, without duplicates", async () => {
    const seen = await publish(ownChannel, { type: "e", data: { n: 0 } });
    const missed = [];
    for (let n = 1; n <= 3; n++) missed.push(await publish(ownChannel, { type: "e", data: { n } }));
    const stream = open(`channels=${ownChannel}`, { ...member, "last-event-id": seen.id });
    await stream.until((f) => f.some((x) => x.event === "realtime.ready"));
    const live = await publish(ownChannel, { type: "e", data: { n: 4 } });
    const frames = await stream.until((f) => f.some((x) => x.id === live.id));
    const eventIds = frames.filter((x) => x.data && !x.event).map((x) => x.id);
    expect(eventIds).toEqual([...missed.map((e) => e.id), live.id]);
    expect(JSON.parse(frames.find((x) => x.event === "realtime.ready")!.data!)).toMatchObject({ replayed: 3 });
  });

  it("accepts ?lastEventId= as well (a fresh EventSource can't send the header)", async () => {
    const seen = await publish(ownChannel, { type: "e", data: {} });
    const missed = await publish(ownChannel, { type: "e", data: {} });
    const stream = open(`channels=${ownChannel}&lastEventId=${seen.id}`, member);
    const frames = await stream.until((f) => f.some((x) => x.event === "realtime.ready"));
    expect(frames.filter((x) => x.data && !x.event).map((x) => x.id)).toEqual([missed.id]);
  });

  it("tells the client to refetch when its last id is past retention", async () => {
    const old = await publish(ownChannel, { type: "e", data: {} });
    await db.execute(sql`update realtime_events set created_at = now() - interval '2 days' where id = ${old.id}::bigint`);
    const stream = open(`channels=${ownChannel}`, { ...member, "last-event-id": old.id });
    const frames = await stream.until((f) => f.some((x) => x.event === "realtime.ready"));
    const refetch = frames.find((x) => x.event === "realtime.refetch");
    expect(JSON.parse(refetch!.data!)).toEqual({ reason: "expired" });
    expect(refetch!.id).toMatch(/^\d+$/);
  });

  it("unsubscribes from the hub when the client goes away", async () => {
    const before = realtimeHub().subscriberCount();
    const stream = open(`channels=${ownChannel}`, member);
    await stream.until((f) => f.some((x) => x.event === "realtime.ready"));
    expect(realtimeHub().subscriberCount()).toBe(before + 1);
    (await stream.response).destroy();
    const deadline = Date.now() + 2_000;
    while (realtimeHub().subscriberCount() !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(realtimeHub().subscriberCount()).toBe(before);
  });
});

describe("board channels for signed-out visitors", () => {
  it("streams a public board's events without a session, but nothing else", async () => {
    const stream = open(`channels=${publicBoard}`);
    expect((await stream.response).statusCode).toBe(200);
    await stream.until((f) => f.some((x) => x.event === "realtime.ready"));
    const event = await publish(publicBoard, { type: "feedback.vote", data: { postId: "p", voteCount: 3 } });
    await stream.until((f) => f.some((x) => x.id === event.id));

    const privateOne = open(`channels=${privateBoard}`);
    expect((await privateOne.response).statusCode).toBe(403);
    expect((await readBody(privateOne)).error.channel).toBe(privateBoard);
    // Mixing in any other kind of channel needs a session.
    expect((await open(`channels=${publicBoard},${ownChannel}`).response).statusCode).toBe(401);
    // Members get private boards.
    expect((await open(`channels=${privateBoard}`, member).response).statusCode).toBe(200);
  });

  it("limits how often one address opens signed-out streams", async () => {
    const ip = { "x-forwarded-for": "203.0.113.201" };
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) {
      const stream = open(`channels=${privateBoard}`, ip);
      statuses.push((await stream.response).statusCode!);
    }
    // Refused for the private board (403) until the address has used its budget (429).
    expect(statuses.slice(0, 120).every((s) => s === 403)).toBe(true);
    expect(statuses[120]).toBe(429);
    expect((await open(`channels=${privateBoard}`, member).response).statusCode).toBe(200);
  });

  it("a board going private ends anonymous streams at once, and their reconnect is refused", async () => {
    const stream = open(`channels=${publicBoard}`);
    await stream.until((f) => f.some((x) => x.event === "realtime.ready"));
    const res = await stream.response;
    await db.update(feedbackBoards).set({ visibility: "private" }).where(eq(feedbackBoards.id, publicBoardId));
    await publish(publicBoard, { type: ACCESS_NARROWED_EVENT, data: {} });
    await stream.until((f) => f.some((x) => x.event === "realtime.rotate"));
    if (!res.readableEnded) await new Promise((resolve) => res.once("end", resolve));
    const after = await publish(publicBoard, { type: "feedback.vote", data: { postId: "p", voteCount: 4 } });
    expect(stream.frames.some((x) => x.id === after.id)).toBe(false);
    expect((await open(`channels=${publicBoard}`).response).statusCode).toBe(403);
    await db.update(feedbackBoards).set({ visibility: "public" }).where(eq(feedbackBoards.id, publicBoardId));
  });
});
