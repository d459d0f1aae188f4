/**
 * The served OpenAPI document is clean under Redocly's `recommended-strict` ruleset (every
 * warning an error). The CLI runs offline: telemetry and update notices off, and a preload
 * that refuses any socket or DNS lookup, so a lint that tried the network would fail here.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it, vi } from "vitest";
import { api } from "../../support/api";

// Served as production serves it: `no-server-example.com` rightly refuses a localhost server URL.
vi.hoisted(() => {
  process.env.APP_URL = "https://app.groundwork.dev";
});

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");

it("lints clean under redocly recommended-strict, with no network", async () => {
  const res = await api("GET", "/api/v1/openapi.json");
  expect(res.status).toBe(200);
  const dir = await mkdtemp(path.join(os.tmpdir(), "openapi-lint-"));
  try {
    const file = path.join(dir, "openapi.json");
    await writeFile(file, JSON.stringify(res.body));
    const result = await run(
      process.execPath,
      ["--import", path.join(root, "tests/support/no-network.mjs"), path.join(root, "node_modules/@redocly/cli/bin/cli.js"), "lint", "--extends", "recommended-strict", "--format", "stylish", file],
      { cwd: dir, env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: dir, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_SUPPRESS_NOTIFICATIONS: "true", NO_COLOR: "1" } },
    ).then(
      (ok) => ({ code: 0, out: ok.stdout + ok.stderr }),
      (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, out: failed.stdout + failed.stderr }),
    );
    expect(result.out).not.toContain("NETWORK ATTEMPT");
    expect(result.out).toMatch(/valid/i);
    expect(result.code, result.out).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
