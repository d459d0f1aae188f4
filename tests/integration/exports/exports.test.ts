import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as download } from "@/app/api/exports/[id]/download/route";
import { inlineExportsSettled } from "@/features/exports/server/build-data-export-inline";
import { failDataExport } from "@/features/exports/server/fail-data-export";
import { INTERRUPTED_MESSAGE, STALE_RUNNING_SECONDS } from "@/features/exports/server/fail-stale-exports";
import { runExportStep } from "@/features/exports/server/run-export-step";
import { startDataExport } from "@/features/exports/server/start-data-export";
import { EXPORT_STEPS, progressAfter } from "@/features/exports/server/steps";
import { SCHEDULED_WORK } from "@/features/jobs/server/scheduled-work";
import { db } from "@/server/db/client";
import { seal } from "@/server/auth/secret-box";
import { createFeedbackBoard, createWorkspaceWithMembers } from "@/server/db/factories";
import { generateToken, hashToken } from "@/server/auth/tokens";
import { authTokens, dataExports, notifications, realtimeEvents, recoveryCodes, sessions, users } from "@/server/db/schema";
import { impersonatingHeaders } from "../../support/impersonation";
import { signedInHeaders } from "../../support/sessions";
import { callerFor, newUser, nextRandom } from "../workspaces/world";

function unzip(zip: Buffer): Record<string, string> {
  const file = path.join(os.tmpdir(), `export-${process.pid}-${Math.random().toString(36).slice(2)}.zip`);
  fs.writeFileSync(file, zip);
  try {
    const script = "import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: z.read(i).decode('utf-8') for i in z.infolist()}))";
    return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as Record<string, string>;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function get(id: string, headers: Record<string, string>) {
  return download(new Request(`http://localhost:3000/api/exports/${id}/download`, { headers }), { params: Promise.resolve({ id }) });
}

/** A user with every kind of secret the database holds, so the test can look for each in the archive. */
async function userWithSecrets() {
  const user = await newUser({ totpKeyEncrypted: seal(crypto.getRandomValues(new Uint8Array(20))) });
  const headers = await signedInHeaders(user.id, { twoFactorVerified: true });
  const tokenHash = hashToken(generateToken());
  await db.insert(authTokens).values({ userId: user.id, purpose: "reset_password", tokenHash, email: user.email, expiresAt: new Date(Date.now() + 3_600_000) });
  await db.insert(recoveryCodes).values({ userId: user.id, codeHash: hashToken("recovery-code-secret") });
  return { user, headers, caller: await callerFor(null, headers) };
}

async function exportDone(caller: Awaited<ReturnType<typeof callerFor>>) {
  const queued = await caller.exports.request();
  await inlineExportsSettled();
  return { queued, done: await caller.exports.get({ id: queued.id }) };
}

describe("export my data", () => {
  it("runs every step in-process, reports progress on the user's channel, and notifies when done", async () => {
    const { user, caller } = await userWithSecrets();
    const { queued, done } = await exportDone(caller);
    expect(queued).toMatchObject({ status: "queued", progress: 0, downloadUrl: null });
    expect(done).toMatchObject({ status: "done", progress: 100, step: "Ready to download", error: null, downloadUrl: `/api/exports/${queued.id}/download` });
    expect(done.size).toBeGreaterThan(100);
    expect(done.expiresAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    const events = await db.select().from(realtimeEvents).where(eq(realtimeEvents.channel, `user:${user.id}`)).orderBy(asc(realtimeEvents.id));
    const progress = events.filter((e) => e.type === "export.progress").map((e) => (e.payload as { progress: number }).progress);
    expect(progress).toEqual([0, ...EXPORT_STEPS.map((_, i) => progressAfter(i)), 100]);
    expect(events.at(-1)!.type).toBe("notification.created");

    const [note] = await db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(note).toMatchObject({ type: "export.ready", title: "Your data export is ready", link: "/account/export" });
    expect((await caller.exports.list()).map((e) => e.id)).toEqual([queued.id]);
  });

  it("the archive holds the expected JSON files and none of the account's secrets", async () => {
    const { user, headers, caller } = await userWithSecrets();
    const ws = await createWorkspaceWithMembers(db, nextRandom(), { owner: user });
    const board = await createFeedbackBoard(db, nextRandom(), { workspaceId: ws.id, visibility: "public", name: "Ideas" });
    const mine = await caller.feedback.createPost({ workspaceSlug: ws.slug, boardId: board.id, title: "Export my posts too", body: "Please" });
    await caller.feedback.createComment({ workspaceSlug: ws.slug, postId: mine.id, body: "And my comments" });
    await caller.feedback.setVote({ workspaceSlug: ws.slug, postId: mine.id, voted: true });
    const { queued } = await exportDone(caller);
    const res = await get(queued.id, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="groundwork-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const zip = Buffer.from(await res.arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe("PK");

    const files = unzip(zip);
    expect(Object.keys(files).sort()).toEqual(["comments.json", "export.json", "notifications.json", "posts.json", "profile.json", "security-log.json", "sessions.json", "votes.json", "workspaces.json"]);
    const place = { workspace: ws.slug, board: "Ideas", postId: mine.id, postTitle: "Export my posts too" };
    expect(JSON.parse(files["posts.json"]!)).toEqual([expect.objectContaining({ ...place, body: "Please", status: "open" })]);
    expect(JSON.parse(files["comments.json"]!)).toEqual([expect.objectContaining({ ...place, body: "And my comments" })]);
    expect(JSON.parse(files["votes.json"]!)).toEqual([expect.objectContaining(place)]);
    const profile = JSON.parse(files["profile.json"]!) as Record<string, unknown>;
    expect(profile).toMatchObject({ id: user.id, email: user.email, displayName: user.displayName, twoFactorEnabled: true });
    expect(Object.keys(profile).sort()).toEqual(["createdAt", "displayName", "email", "emailVerifiedAt", "id", "staffRole", "twoFactorEnabled", "updatedAt"]);
    const exportedSessions = JSON.parse(files["sessions.json"]!) as Array<Record<string, unknown>>;
    expect(exportedSessions.length).toBeGreaterThan(0);
    expect(Object.keys(exportedSessions[0]!).sort()).toEqual(["createdAt", "device", "expiresAt", "ip", "lastSeenAt", "userAgent"]);

    const [account] = await db.select().from(users).where(eq(users.id, user.id));
    const secrets = [
      account!.passwordHash,
      Buffer.from(account!.totpKeyEncrypted!).toString("hex"),
      Buffer.from(account!.totpKeyEncrypted!).toString("base64"),
      ...(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id),
      ...(await db.select({ h: authTokens.tokenHash }).from(authTokens).where(eq(authTokens.userId, user.id))).map((t) => t.h),
      ...(await db.select({ h: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).map((t) => t.h),
    ];
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const text = zip.toString("latin1");
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(zip.includes(Buffer.from(account!.totpKeyEncrypted!))).toBe(false);
    expect(text).not.toMatch(/password_?hash|totp_?key|token_?hash|code_?hash/i);
  });

  it("the download is the owner's only: another user 404, anonymous 401, unknown id 404, expired 410", async () => {
    const { headers, caller } = await userWithSecrets();
    const { queued } = await exportDone(caller);
    const other = await newUser();
    expect((await get(queued.id, await signedInHeaders(other.id))).status).toBe(404);
    const anonymous = await get(queued.id, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("x-request-id")).toBeTruthy();
    expect((await get("not-an-id", await signedInHeaders(other.id))).status).toBe(404);

    expect((await get(queued.id, headers)).status).toBe(200);
    await db.update(dataExports).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(dataExports.id, queued.id));
    const expired = await get(queued.id, headers);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
    expect((await caller.exports.get({ id: queued.id })).downloadUrl).toBeNull();
  });

  it("support impersonating the owner can neither request an export nor download one, in either mode", async () => {
    const { user, headers, caller } = await userWithSecrets();
    const { queued } = await exportDone(caller);
    const staff = await newUser({ staffRole: "support" });
    for (const mode of ["read", "write"] as const) {
      const impersonating = (await impersonatingHeaders(staff.id, user.id, { mode })).headers;
      const refused = await get(queued.id, impersonating);
      expect({ mode, status: refused.status, message: ((await refused.json()) as { error: { message: string } }).error.message }).toEqual({
        mode,
        status: 403,
        message: "Support can never take a copy of the account's data while impersonating, in either mode.",
      });
      await expect((await callerFor(null, impersonating)).exports.request()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await get(queued.id, headers)).status).toBe(200);
  });

  it("get and list show the viewer's own exports only", async () => {
    const { caller } = await userWithSecrets();
    const { queued } = await exportDone(caller);
    const stranger = await callerFor(await newUser());
    await expect(stranger.exports.get({ id: queued.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stranger.exports.list()).toEqual([]);
  });

  it("refuses a second export while one is in flight (CONFLICT), and a fourth request in an hour (429)", async () => {
    const user = await newUser();
    const caller = await callerFor(user);
    await db.insert(dataExports).values({ userId: user.id, status: "running", progress: 40 });
    await expect(caller.exports.request()).rejects.toMatchObject({ code: "CONFLICT" });
    await db.update(dataExports).set({ status: "failed" }).where(eq(dataExports.userId, user.id));

    await exportDone(caller);
    await exportDone(caller);
    await expect(caller.exports.request()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("an export whose process died mid-way (running, two steps in, no progress for a minute) is failed with a message, and a new one starts at once", async () => {
    const user = await newUser();
    const caller = await callerFor(user);
    // The real first steps, then the process is killed: nothing reports progress any more.
    const [row] = await db.insert(dataExports).values({ userId: user.id }).returning();
    await startDataExport(db, row!.id);
    for (const step of EXPORT_STEPS.slice(0, 2)) await runExportStep(db, { exportId: row!.id, userId: user.id, step: step.name });
    expect(await caller.exports.get({ id: row!.id })).toMatchObject({ status: "running", progress: progressAfter(1) });
    // Still inside the minute: it may just be slow, so it still blocks.
    await expect(caller.exports.request()).rejects.toMatchObject({ code: "CONFLICT" });
    await db.update(dataExports).set({ heartbeatAt: new Date(Date.now() - (STALE_RUNNING_SECONDS + 1) * 1000) }).where(eq(dataExports.id, row!.id));

    const { done } = await exportDone(caller);
    expect(done.status).toBe("done");
    expect(await caller.exports.get({ id: row!.id })).toMatchObject({ status: "failed", error: INTERRUPTED_MESSAGE });
    const failedEvent = (await db.select().from(realtimeEvents).where(eq(realtimeEvents.channel, `user:${user.id}`))).find(
      (e) => e.type === "export.progress" && (e.payload as { id: string; status: string }).id === row!.id && (e.payload as { status: string }).status === "failed",
    );
    expect(failedEvent).toBeDefined();
  });

  it("the every-minute cron fails a dead export even when nobody asks again, and its late runner cannot bring it back", async () => {
    const user = await newUser();
    const caller = await callerFor(user);
    const [running] = await db.insert(dataExports).values({ userId: user.id }).returning();
    await startDataExport(db, running!.id);
    const minuteLater = new Date(Date.now() + (STALE_RUNNING_SECONDS + 1) * 1000);
    const sweep = SCHEDULED_WORK.flatMap((w) => w.steps).find((s) => s.name === "fail-stale-exports")!;
    expect(await sweep.run(db, minuteLater)).toEqual({ failed: 1 });
    expect(await caller.exports.get({ id: running!.id })).toMatchObject({ status: "failed", error: INTERRUPTED_MESSAGE });
    // The old runner wakes up (a job server retrying it after the app came back): it must stop.
    await expect(runExportStep(db, { exportId: running!.id, userId: user.id, step: EXPORT_STEPS[0]!.name })).rejects.toThrow(/no longer in flight/);
    expect(await caller.exports.get({ id: running!.id })).toMatchObject({ status: "failed" });
    // And the job's failure handler, retried, is a no-op rather than an error.
    await expect(failDataExport(db, running!.id)).resolves.toBeUndefined();
    expect(await caller.exports.get({ id: running!.id })).toMatchObject({ error: INTERRUPTED_MESSAGE });
  });
});
