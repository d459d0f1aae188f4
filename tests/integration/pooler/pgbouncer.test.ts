/**
 * The app behind Debian's PgBouncer in transaction mode (what every managed Postgres puts in
 * front): DATABASE_URL is the pooler, DATABASE_DIRECT_URL the server. Writes, the
 * Idempotency-Key path, live events and cross-process key revocation all go through it, and
 * every acknowledged write is then looked for on a direct connection. Skipped, with the
 * reason, where PgBouncer is not installed (CI installs it: .ci/run).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const pooler = await vi.hoisted(async () => {
  const { pgbouncerUnavailable, startPgBouncer } = await import("../../../tools/pgbouncer");
  const unavailable = pgbouncerUnavailable();
  if (unavailable) return { unavailable, bouncer: null, directUrl: process.env.DATABASE_URL! };
  const directUrl = process.env.DATABASE_URL!;
  const bouncer = await startPgBouncer({ serverPort: Number(new URL(directUrl).port), poolSize: 3 });
  process.env.DATABASE_URL = bouncer.url(directUrl);
  process.env.DATABASE_DIRECT_URL = directUrl;
  return { unavailable: null, bouncer, directUrl };
});
if (pooler.unavailable) console.warn(`pgbouncer.test.ts skipped: ${pooler.unavailable}`);

import { sql as dsql } from "drizzle-orm";
import { FEEDBACK_EVENTS } from "@/features/feedback/schemas";
import { revokeApiKey } from "@/features/api-keys/server/revoke-api-key";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { hermeticEnv } from "@/lib/env-keys";
import { checkHealth } from "@/features/observability/server/check-health";
import { db, sql } from "@/server/db/client";
import { CommitFailedError } from "@/server/db/errors";
import { createFeedbackBoard } from "@/server/db/factories";
import { feedbackPosts } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { createNotifyListener } from "@/server/db/notify-listener";
import { boardChannel } from "@/server/realtime/channels";
import { realtimeHub } from "@/server/realtime/hub";
import { publish, type StoredRealtimeEvent } from "@/server/realtime/publish";
import { actorFor, api, issueKey, makeApiWorld, nextRandom } from "../../support/api";
import { CHILD_START_BOUND_MS, CHILD_TEST_TIMEOUT_MS } from "../../support/child-process";

const direct = postgres(pooler.directUrl, { max: 2, onnotice: () => {} });
let child: ChildProcess | null = null;
const childLines: Array<{ tag?: string; status?: number; code?: string | null; ready?: boolean }> = [];

afterAll(async () => {
  child?.stdin?.end();
  if (child && child.exitCode === null) await new Promise((resolve) => child!.once("exit", resolve));
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
  await realtimeHub().stop();
  await direct.end();
  await sql.end({ timeout: 5 });
  await pooler.bouncer?.stop();
});

describe.skipIf(pooler.unavailable !== null)("behind PgBouncer (transaction mode)", () => {
  let w: Awaited<ReturnType<typeof makeApiWorld>>;
  let key: string;
  // Posting is limited to 10 per user per 10 minutes: three authors share the 24 posts.
  let keys: string[];
  let board: { id: string; workspaceId: string };

  beforeAll(async () => {
    w = await makeApiWorld();
    const scopes = ["posts:read", "posts:write", "comments:write", "votes:write"] as const;
    keys = [
      (await issueKey(w.member, w.workspace, "member", { scopes: [...scopes], rateLimitPerMinute: 100_000 })).secret,
      (await issueKey(w.admin, w.workspace, "admin", { scopes: [...scopes], rateLimitPerMinute: 100_000 })).secret,
      (await issueKey(w.owner, w.workspace, "owner", { scopes: [...scopes], rateLimitPerMinute: 100_000 })).secret,
    ];
    key = keys[0]!;
    board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Through the pooler" });
  });

  it("every acknowledged write exists, and an Idempotency-Key replay neither duplicates nor invents one", async () => {
    const hub = realtimeHub();
    await hub.ready();
    const events: StoredRealtimeEvent[] = [];
    const subscription = hub.subscribe({ channels: [boardChannel(board.id)], send: (e) => void events.push(e) });

    const posts = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        api("POST", `/api/v1/boards/${board.id}/posts`, { key: keys[i % 3], body: { title: `Pooled post ${i}`, body: "through PgBouncer" }, headers: { "idempotency-key": `pooled-${i}` } }),
      ),
    );
    const created = posts.filter((r) => r.status === 201).map((r) => r.body.id as string);
    // Nothing here should fail; a failure would have to be an error, never a 201.
    expect(posts.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const stored = await direct<{ id: string }[]>`select id from feedback_posts where board_id = ${board.id}`;
    expect(stored.map((r) => r.id).sort()).toEqual([...created].sort());

    const comments = await Promise.all(created.slice(0, 8).map((postId, i) => api("POST", `/api/v1/posts/${postId}/comments`, { key, body: { body: `comment ${i}` } })));
    const commentIds = comments.filter((r) => r.status === 201).map((r) => r.body.id as string);
    expect(commentIds).toHaveLength(8);
    const storedComments = await direct<{ n: number }[]>`select count(*)::int as n from feedback_comments where id = any(${commentIds}::uuid[])`;
    expect(storedComments[0]!.n).toBe(8);

    const replays = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        api("POST", `/api/v1/boards/${board.id}/posts`, { key: keys[i % 3], body: { title: `Pooled post ${i}`, body: "through PgBouncer" }, headers: { "idempotency-key": `pooled-${i}` } }),
      ),
    );
    expect(replays.every((r) => r.status === 201 && r.headers.get("idempotent-replayed") === "true")).toBe(true);
    expect(replays.map((r) => r.body.id).sort()).toEqual([...created].sort());
    const [after] = await direct<{ n: number }[]>`select count(*)::int as n from feedback_posts where board_id = ${board.id}`;
    expect(after!.n).toBe(24);

    // Live events: every created post was announced, through LISTEN on the direct URL.
    const announced = () => new Set(events.filter((e) => e.type === FEEDBACK_EVENTS.postCreated).map((e) => (e.data as { postId: string }).postId));
    await expect.poll(() => [...announced()].sort(), { timeout: 10_000 }).toEqual([...created].sort());
    subscription.unsubscribe();
  });

  it("a transaction that failed is an error at COMMIT, not a silent rollback: nothing written, nothing announced", async () => {
    const channel = `workspace:${crypto.randomUUID()}`;
    const title = `never saved ${crypto.randomUUID()}`;
    const attempt = transactionWithEffects(db, async (tx) => {
      await tx.insert(feedbackPosts).values({ boardId: board.id, workspaceId: w.workspace.id, authorId: w.member.id, title, body: "", trending: 0 });
      await publish(channel, { type: "post.created", data: { title } }, tx);
      // A statement fails and the caller swallows it: Postgres will answer COMMIT with ROLLBACK.
      await tx.execute(dsql`select 1 / 0`).catch(() => {});
    });
    await expect(attempt).rejects.toBeInstanceOf(CommitFailedError);
    expect(await direct`select 1 from feedback_posts where title = ${title}`).toHaveLength(0);
    expect(await direct`select 1 from realtime_events where channel = ${channel}`).toHaveLength(0);
  });

  it("a key revoked here is refused by another process (its own pool and LISTEN) within one second", async () => {
    child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve(import.meta.dirname, "../api-keys/api-child.ts")], {
      cwd: path.resolve(import.meta.dirname, "../../.."),
      env: hermeticEnv({ DATABASE_URL: process.env.DATABASE_URL!, DATABASE_DIRECT_URL: pooler.directUrl, LOG_LEVEL: "silent", NODE_ENV: "test" }),
      stdio: ["pipe", "pipe", "inherit"],
    });
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        childLines.push(JSON.parse(line) as (typeof childLines)[number]);
      } catch {
        // not ours
      }
    });
    await expect.poll(() => childLines.some((l) => l.ready), { timeout: CHILD_START_BOUND_MS }).toBe(true);
    let counter = 0;
    const childMe = async (secret: string) => {
      const tag = String(++counter);
      child!.stdin!.write(`me ${secret} ${tag}\n`);
      await expect.poll(() => childLines.some((l) => l.tag === tag), { timeout: 10_000 }).toBe(true);
      return childLines.find((l) => l.tag === tag)!;
    };

    const issued = await issueKey(w.admin, w.workspace, "admin");
    expect((await childMe(issued.secret)).status).toBe(200);
    expect((await childMe(issued.secret)).status).toBe(200);
    const started = Date.now();
    await revokeApiKey({ keyId: issued.key.id }, actorFor(w.admin, w.workspace, "admin"), db);
    let answer = await childMe(issued.secret);
    while (answer.status === 200 && Date.now() - started < 5_000) answer = await childMe(issued.secret);
    expect(answer).toMatchObject({ status: 401, code: "api_key_revoked" });
    expect(Date.now() - started).toBeLessThan(1_000);
  }, CHILD_TEST_TIMEOUT_MS);

  it("LISTEN pointed at the pooler is caught: it never counts as live, and says why", async () => {
    const heard: string[] = [];
    const listener = createNotifyListener({ databaseUrl: process.env.DATABASE_URL!, channel: "pooler_probe", onNotify: (p) => void heard.push(p) });
    try {
      await expect(listener.ready()).rejects.toThrow(/DATABASE_DIRECT_URL/);
      expect(listener.live()).toBe(false);
      expect(listener.state()).toMatchObject({ live: false, detail: expect.stringContaining("did not hear its own NOTIFY") });
      // /api/health and /status say so too, naming the channel.
      const status = await checkHealth(sql);
      expect(status.status).toBe("degraded");
      expect(status.checks.listeners).toMatchObject({ ok: false, detail: expect.stringContaining("pooler_probe: LISTEN on pooler_probe did not hear") });
      expect(status.checks.database.ok).toBe(true);
    } finally {
      await listener.stop();
    }
  });
});
