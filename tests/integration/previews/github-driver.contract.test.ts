/**
 * Contract test of the GitHub driver: the requests @octokit/rest makes for a dispatch, answered
 * by a local HTTP server shaped like the GitHub REST API (PREVIEW_GITHUB_API_URL points Octokit
 * at it), and the signed callback the workflow sends back, through the real route handler.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const api = await vi.hoisted(async () => {
  const { findFreePort } = await import("../../../tools/embedded-postgres");
  const port = await findFreePort();
  Object.assign(process.env, {
    PREVIEW_GITHUB_API_URL: `http://127.0.0.1:${port}/api/v3`,
    PREVIEW_GITHUB_TOKEN: "ghp_contracttesttoken000000000000000000",
    PREVIEW_GITHUB_REPO: "acme/groundwork",
    PREVIEW_CALLBACK_SECRET: "callback-secret-for-the-contract-test-0123456789",
    APP_URL: "https://app.example.test",
    // The same local server takes the Inngest events the callback sends (the event API's shape).
    INNGEST_DEV: `http://127.0.0.1:${port}`,
  });
  return { port };
});

import { eq } from "drizzle-orm";
import { POST as callback } from "@/app/api/previews/callback/route";
import { dispatchPreviewWorkflow } from "@/features/previews/server/github/dispatch";
import { dispatchGithubDeploy } from "@/features/previews/server/github/deploy";
import { signCallback } from "@/features/previews/server/github/signature";
import { PREVIEW_STEPS } from "@/features/previews/schemas";
import { db } from "@/server/db/client";
import { previews, previewSteps } from "@/server/db/schema";
import { newUser } from "../workspaces/world";

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: unknown };
const seen: Seen[] = [];
let server: http.Server;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : null });
    if (req.method === "POST" && req.url!.startsWith("/e/")) return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: ["01"], status: 200 }));
    // GitHub answers a dispatch with 204 No Content; anything else this test doesn't expect is a 404.
    if (req.method === "POST" && /^\/api\/v3\/repos\/[^/]+\/[^/]+\/actions\/workflows\/[^/]+\/dispatches$/.test(req.url!)) return void res.writeHead(204).end();
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found", documentation_url: "https://docs.github.com/rest" }));
  });
  await new Promise<void>((resolve) => server.listen(api.port, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function githubPreview() {
  const user = await newUser({ staffRole: "product" });
  const [row] = await db
    .insert(previews)
    .values({ driver: "github", ref: "feature/x", branch: "feature/x", commitSha: "a".repeat(40), createdById: user.id, createdByEmail: user.email, expiresAt: new Date(Date.now() + 3_600_000) })
    .returning();
  await db.insert(previewSteps).values(PREVIEW_STEPS.map((s, position) => ({ previewId: row!.id, step: s.name, position })));
  return row!;
}

const post = (body: string, signature: string | null) =>
  callback(new Request("http://127.0.0.1/api/previews/callback", { method: "POST", body, headers: { "content-type": "application/json", ...(signature ? { "x-groundwork-signature": signature } : {}) } }), {});

describe("GitHub driver contract", () => {
  it("dispatches preview.yml on the branch with the preview's inputs, authenticated with the token", async () => {
    const preview = await githubPreview();
    seen.length = 0;
    await dispatchGithubDeploy(db, preview.id);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/api/v3/repos/acme/groundwork/actions/workflows/preview.yml/dispatches",
      headers: { authorization: "token ghp_contracttesttoken000000000000000000", accept: "application/vnd.github.v3+json" },
      body: {
        ref: "feature/x",
        inputs: { action: "deploy", preview_id: preview.id, commit_sha: "a".repeat(40), callback_url: "https://app.example.test/api/previews/callback" },
      },
    });
    expect(String(seen[0]!.headers["user-agent"])).toContain("groundwork-previews");
    expect((await db.select().from(previews).where(eq(previews.id, preview.id)))[0]).toMatchObject({ state: "building", currentStep: "checkout" });
  });

  it("surfaces GitHub's refusal (404 for a workflow or repository it doesn't know) instead of pretending it dispatched", async () => {
    const { Octokit } = await import("@octokit/rest");
    const elsewhere = new Octokit({ baseUrl: `http://127.0.0.1:${api.port}/not-github`, log: { debug() {}, info() {}, warn() {}, error() {} } });
    await expect(dispatchPreviewWorkflow({ action: "deploy", previewId: crypto.randomUUID(), commitSha: "b".repeat(40), branch: "main", callbackUrl: "https://x.test" }, elsewhere)).rejects.toMatchObject({ status: 404 });
  });

  it("takes signed step reports into the console's rows: progress, then ready with the deployment's URL", async () => {
    const preview = await githubPreview();
    const secret = process.env.PREVIEW_CALLBACK_SECRET!;
    const report = (step: string, status: string, extra: Record<string, string> = {}) => JSON.stringify({ previewId: preview.id, step, status, log: `${step} ${status}`, ...extra });

    let body = report("build", "running");
    expect((await post(body, signCallback(body, secret))).status).toBe(200);
    const building = (await db.select().from(previewSteps).where(eq(previewSteps.previewId, preview.id))).find((s) => s.step === "build")!;
    expect(building).toMatchObject({ status: "running", logTail: "build running" });

    body = report("smoke", "done", { url: "https://groundwork-preview-abc.vercel.app" });
    seen.length = 0;
    const response = await post(body, signCallback(body, secret));
    expect(await response.json()).toEqual({ ok: true, state: "ready" });
    // The pipeline's wait for the workflow ends: app/preview.reported for this preview.
    expect(seen.filter((r) => r.url.startsWith("/e/")).map((r) => r.body)).toEqual([[expect.objectContaining({ name: "app/preview.reported", data: { previewId: preview.id, outcome: "ready" } })]]);
    expect((await db.select().from(previews).where(eq(previews.id, preview.id)))[0]).toMatchObject({ state: "ready", url: "https://groundwork-preview-abc.vercel.app" });
  });

  it("refuses unsigned, wrongly signed, stale and malformed reports with a clear message", async () => {
    const preview = await githubPreview();
    const secret = process.env.PREVIEW_CALLBACK_SECRET!;
    const body = JSON.stringify({ previewId: preview.id, step: "build", status: "failed", log: "boom" });
    const cases: Array<[string | null, number, string]> = [
      [null, 401, "Refused: x-groundwork-signature is missing or malformed."],
      [signCallback(body, "another-secret-entirely-0123456789abcdef"), 401, "Refused: the signature does not match."],
      [signCallback(body, secret, Math.floor(Date.now() / 1000) - 3_600), 401, "Refused: the signature's timestamp is more than 5 minutes off."],
    ];
    for (const [signature, status, message] of cases) {
      const response = await post(body, signature);
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toBe(message);
    }
    const bad = JSON.stringify({ previewId: preview.id, step: "deploy-to-mars", status: "done" });
    const response = await post(bad, signCallback(bad, secret));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/^step: /);
    // Nothing was recorded by the refused reports.
    expect((await db.select().from(previews).where(eq(previews.id, preview.id)))[0]!.state).toBe("queued");
  });
});
