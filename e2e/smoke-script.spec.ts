/**
 * `npm run smoke` (scripts/smoke.ts, issue 13) run for real against this suite's server, as an
 * engineer runs it after a deploy: it passes against a healthy deployment of the commit it was
 * told, and when told another commit it says so, fails, and skips what follows. It starts its
 * own Playwright run and browser, so it gets an environment of its own, not this worker's.
 */
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { builtCommit } from "./support/built-commit";

async function smoke(...args: string[]): Promise<{ code: number | null; output: string }> {
  const keep = ["PATH", "HOME", "LANG", "TMPDIR", "CHROMIUM_PATH", "PLAYWRIGHT_BROWSERS_PATH"];
  const child = spawn("npm", ["run", "--silent", "smoke", "--", ...args], {
    env: Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  return { code, output };
}

test("npm run smoke passes against a healthy deployment of the commit it is given", async ({ baseURL }) => {
  test.setTimeout(240_000);
  const commit = builtCommit();
  const { code, output } = await smoke("--url", baseURL!, "--commit", commit);
  expect(code, output).toBe(0);
  for (const check of ["health: /api/health answers ok", "commit: the page says which build it runs", "sign in as demo@groundwork.test", "open a board", "vote, then take the vote back", "API: one call with a fresh key (revoked afterwards)"]) {
    expect(output).toContain(`✔ ${check}`);
  }
  expect(output).toContain(`smoke PASSED against ${baseURL} (commit ${commit})`);
  expect(output).toContain("smoke: 6 passed, 0 failed");
});

test("npm run smoke fails clearly when the deployment runs another commit", async ({ baseURL }) => {
  test.setTimeout(240_000);
  const { code, output } = await smoke("--url", baseURL!, "--commit", "0000000deadbeef");
  expect(code, output).toBe(1);
  expect(output).toContain("✔ health: /api/health answers ok");
  expect(output).toContain("✘ commit: the page says which build it runs");
  expect(output).toContain(`expected commit 0000000deadbeef, the deployment runs ${builtCommit()}`);
  // Serial: nothing after the failed check runs (no sign-in, no vote, no key).
  expect(output).toContain("– vote, then take the vote back");
  expect(output).toContain(`smoke FAILED against ${baseURL} (commit 0000000deadbeef)`);
  expect(output).toContain("smoke: 1 passed, 1 failed, 4 skipped");
});

test("npm run smoke without --url says what it needs", async () => {
  const { code, output } = await smoke();
  expect(code).toBe(2);
  expect(output).toContain("--url is required");
});
