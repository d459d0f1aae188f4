import "server-only";
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { db } from "@/server/db/client";
import { appSecret, env } from "@/server/env";
import type { PreviewStepName } from "../../schemas";
import { previewCookiePrefix } from "@/server/http/cookie-names";
import { previewConfig, previewDatabaseName, previewDir, previewWorktree } from "../config";
import { previewRuntimeFile, writePreviewRuntime } from "../runtime-file";
import { git, migrationsTreeId } from "./git";
import type { CommandEnv } from "./process";

export type PreviewRow = { id: string; commitSha: string; branch: string | null; port: number | null; url: string | null; expiresAt: Date; databaseName: string | null };

/**
 * What one step of the local driver does: a command run detached (with work before and after
 * it), a check polled until it passes, or nothing (skipped, with why).
 */
export type StepPlan =
  | { kind: "command"; script: string; env: CommandEnv; before?: () => Promise<string | void>; after?: () => Promise<string | void>; detachedServer?: boolean }
  | { kind: "poll"; check: () => Promise<boolean>; timeoutMs: number; describe: string }
  | { kind: "skip"; reason: string };

const STEP_PLANNERS: Record<PreviewStepName, (p: PreviewRow) => Promise<StepPlan>> = {
  checkout: async (p) => ({
    kind: "command",
    script: `git -C "$REPO" worktree remove --force "$WT" 2>/dev/null; rm -rf "$WT"; git -C "$REPO" worktree prune && git -C "$REPO" worktree add --detach "$WT" "$SHA"`,
    env: { ...baseEnv(), REPO: previewConfig().repoPath, WT: previewWorktree(p.id), SHA: p.commitSha },
  }),
  install: async (p) => {
    const wt = previewWorktree(p.id);
    const lockfile = path.join(wt, "package-lock.json");
    if (!fs.existsSync(lockfile)) return { kind: "command", script: "npm install --no-audit --no-fund", env: baseEnv() };
    if (!previewConfig().installCache) return { kind: "command", script: "npm ci --no-audit --no-fund", env: baseEnv() };
    // Keyed by the lockfile and Node's ABI: the same lockfile under another Node may need other native builds.
    const key = createHash("sha256").update(fs.readFileSync(lockfile)).update(process.versions.modules).digest("hex").slice(0, 16);
    const cache = path.join(previewConfig().root, "cache", `node_modules-${key}`);
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    return {
      kind: "command",
      // Hardlinks: a cache hit costs a directory walk, not a copy of the bytes.
      script: `rm -rf node_modules; if [ -d "$CACHE" ]; then echo "node_modules from the cache (lockfile $KEY), hardlinked"; cp -al "$CACHE" node_modules; else echo "cache miss (lockfile $KEY): npm ci"; npm ci --prefer-offline --no-audit --no-fund && mkdir -p node_modules && rm -rf "$CACHE.tmp.$$" && cp -al node_modules "$CACHE.tmp.$$" && (mv -T "$CACHE.tmp.$$" "$CACHE" 2>/dev/null || rm -rf "$CACHE.tmp.$$"); fi`,
      env: { ...baseEnv(), CACHE: cache, KEY: key },
    };
  },
  database: async (p) => ({
    kind: "command",
    script: "true",
    env: baseEnv(),
    before: () => createPreviewDatabase(p),
  }),
  migrate: async (p) => scriptOrSkip(p, "db:migrate", { after: () => saveTemplate(p) }),
  seed: async (p) => scriptOrSkip(p, "db:seed"),
  build: async (p) => scriptOrSkip(p, "build"),
  start: async (p) => ({
    kind: "command",
    script: "npm start",
    env: { ...appEnv(p), NODE_ENV: "production", PORT: String(p.port) },
    detachedServer: true,
    before: async () => {
      if (!(await portIsFree(p.port!))) throw new Error(`Port ${p.port} is taken by another process; destroy this preview and create it again.`);
      await writePreviewRuntime(db, p.id);
    },
  }),
  health: async (p) => ({
    kind: "poll",
    describe: `GET ${p.url}/api/health answers 200`,
    timeoutMs: 180_000,
    check: async () => {
      const response = await fetch(`${p.url}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
      return response?.status === 200;
    },
  }),
  smoke: async (p) => scriptOrSkip(p, "smoke", { args: `-- --url "${p.url}" --commit "${p.commitSha}"` }),
};

export function planLocalStep(preview: PreviewRow, step: PreviewStepName): Promise<StepPlan> {
  return STEP_PLANNERS[step](preview);
}

/** An npm script of the preview's own package.json, or a skip when that commit has none. */
async function scriptOrSkip(p: PreviewRow, name: string, extra: { after?: () => Promise<string | void>; args?: string } = {}): Promise<StepPlan> {
  const pkg = JSON.parse(fs.readFileSync(path.join(previewWorktree(p.id), "package.json"), "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.[name]) return { kind: "skip", reason: `package.json at ${p.commitSha.slice(0, 12)} has no "${name}" script` };
  return { kind: "command", script: `npm run ${name} ${extra.args ?? ""}`.trim(), env: { ...appEnv(p), ...(name === "build" ? { NODE_ENV: "production" } : {}) }, after: extra.after };
}

/** Only what a command needs: the app's own secrets and database never reach a preview. */
function baseEnv(): CommandEnv {
  const keep = ["PATH", "HOME", "LANG", "TMPDIR", "npm_config_cache", "CHROMIUM_PATH"];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])), NEXT_TELEMETRY_DISABLED: "1", CI: "1" };
}

function appEnv(p: PreviewRow): CommandEnv {
  // Per-preview secrets, stable across restarts of the same preview.
  const secret = (purpose: string) => createHmac("sha256", appSecret()).update(`preview:${p.id}:${purpose}`).digest("hex");
  return {
    ...baseEnv(),
    DATABASE_URL: previewDatabaseUrl(p.id),
    APP_URL: p.url ?? "",
    COOKIE_PREFIX: previewCookiePrefix(p.id),
    GIT_COMMIT: p.commitSha.slice(0, 12),
    APP_SECRET: secret("app"),
    API_KEY_PEPPER: secret("pepper"),
    PREVIEW_BRANCH: p.branch ?? "",
    PREVIEW_COMMIT: p.commitSha,
    PREVIEW_EXPIRES_AT: p.expiresAt.toISOString(),
    PREVIEW_RUNTIME_FILE: previewRuntimeFile(p.id),
  };
}

export function previewDatabaseUrl(previewId: string): string {
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${previewDatabaseName(previewId)}`;
  return url.toString();
}

const templateName = (tree: string) => `gw_preview_tpl_${tree.slice(0, 16)}`;

async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function createPreviewDatabase(p: PreviewRow): Promise<string> {
  const name = previewDatabaseName(p.id);
  const tree = await migrationsTreeId(previewConfig().repoPath, p.commitSha);
  return admin(async (sql) => {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    const [template] = tree ? await sql`select datname from pg_database where datname = ${templateName(tree)}` : [];
    if (template) {
      await sql.unsafe(`create database "${name}" template "${templateName(tree!)}"`);
      return `${name}: cloned from the migrated template ${templateName(tree!)}`;
    }
    await sql.unsafe(`create database "${name}"`);
    return `${name}: created empty (no template for these migrations yet)`;
  });
}

/** After a migrate on an empty database: keep it as the template for the next preview with the same migrations. */
async function saveTemplate(p: PreviewRow): Promise<string | void> {
  const tree = await migrationsTreeId(previewConfig().repoPath, p.commitSha);
  if (!tree) return;
  return admin(async (sql) => {
    const [exists] = await sql`select 1 from pg_database where datname = ${templateName(tree)}`;
    if (exists) return;
    try {
      await sql.unsafe(`create database "${templateName(tree)}" template "${previewDatabaseName(p.id)}"`);
      return `saved ${templateName(tree)} as the template for these migrations`;
    } catch (error) {
      return `no template saved: ${(error as Error).message}`;
    }
  });
}

export async function dropPreviewDatabase(previewId: string): Promise<void> {
  await admin((sql) => sql.unsafe(`drop database if exists "${previewDatabaseName(previewId)}" with (force)`));
}

export async function removeWorktree(previewId: string): Promise<void> {
  const { repoPath } = previewConfig();
  await git(repoPath, ["worktree", "remove", "--force", previewWorktree(previewId)]).catch(() => undefined);
  fs.rmSync(previewDir(previewId), { recursive: true, force: true });
  await git(repoPath, ["worktree", "prune"]).catch(() => undefined);
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, "0.0.0.0", () => probe.close(() => resolve(true)));
  });
}
