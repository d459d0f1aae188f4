/**
 * A tiny git repository with the scripts contract a preview needs (db:migrate, db:seed, build,
 * start, smoke; start serves /api/health on $PORT and lists the flags of its runtime file), so the pipeline runs in seconds. No
 * dependencies: `npm ci` has nothing to fetch. Branch "broken-build" fails its build until a file
 * named `allow-build` exists in the previews root (two levels above the worktree); main's build
 * waits while a file named `hold-build` is there.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PACKAGE = {
  name: "preview-fixture",
  version: "1.0.0",
  private: true,
  scripts: {
    "db:migrate": `node -e "console.log('migrating', new URL(process.env.DATABASE_URL).pathname)"`,
    "db:seed": `node -e "console.log('seeding the characters')"`,
    build: "node build.js",
    start: "node server.js",
    smoke: "node smoke.js",
  },
};
const LOCK = { name: "preview-fixture", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "preview-fixture", version: "1.0.0" } } };

// While a file named \`hold-build\` is in the previews root, the build waits and says so every
// second: a test sees the live log of a running step without racing a build that takes milliseconds.
const BUILD = `const fs = require("fs"), path = require("path");
const hold = path.resolve("..", "..", "hold-build");
const build = () => {
  console.log("building commit", process.env.GIT_COMMIT);
  fs.writeFileSync("built.txt", process.env.GIT_COMMIT || "");
  console.log("built");
};
if (!fs.existsSync(hold)) build();
else {
  console.log("build held until hold-build goes");
  const timer = setInterval(() => {
    if (fs.existsSync(hold)) return console.log("build held until hold-build goes");
    clearInterval(timer);
    build();
  }, 1000);
}
`;
const BROKEN_BUILD = `const fs = require("fs"), path = require("path");
console.log("building commit", process.env.GIT_COMMIT);
if (!fs.existsSync(path.resolve("..", "..", "allow-build"))) { console.error("error: the build is broken (no allow-build file)"); process.exit(1); }
fs.writeFileSync("built.txt", process.env.GIT_COMMIT || "");
console.log("built");
`;
// Like the app, it reads the runtime file (decision 037) on each page: a flag set in the console shows on the next load.
const SERVER = `const http = require("http"), fs = require("fs");
const commit = fs.readFileSync("built.txt", "utf8");
const flags = () => { try { return JSON.parse(fs.readFileSync(process.env.PREVIEW_RUNTIME_FILE, "utf8")).flags; } catch { return {}; } };
http.createServer((req, res) => {
  if (req.url === "/api/health") return res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
  const set = Object.entries(flags()).map(([key, value]) => '<li>flag ' + key + ' = ' + JSON.stringify(value) + '</li>').join("");
  res.writeHead(200, { "content-type": "text/html" }).end('<meta name="groundwork-commit" content="' + commit + '"><p>Preview of ' + (process.env.PREVIEW_BRANCH || "a commit") + '</p><ul>' + set + '</ul>');
}).listen(Number(process.env.PORT), () => console.log("listening on", process.env.PORT));
`;
const SMOKE = `const url = process.argv[process.argv.indexOf("--url") + 1];
fetch(url + "/api/health").then((r) => { console.log("health", r.status); process.exit(r.status === 200 ? 0 : 1); });
`;

/**
 * Branch "groundwork": scripts that deploy this app's existing `next build` (in `app`, no
 * rebuild, its node_modules used in place) with the app's own migrate, seed, start and smoke on
 * the preview's database and port. Its drizzle/ is the app's, so the template database it leaves
 * is keyed by the app's migrations. The smoke checks the commit the build was made from (baked
 * into .next), not the fixture's, which the preview's banner shows.
 */
function realAppPackage(app: string) {
  const inApp = (command: string) => `cd ${JSON.stringify(app)} && exec ${command}`;
  return {
    ...PACKAGE,
    scripts: {
      "db:migrate": inApp("node --import tsx scripts/db.ts migrate"),
      "db:seed": inApp("node --import tsx scripts/db.ts seed"),
      build: `echo "the app's existing next build $(cat ${JSON.stringify(path.join(app, ".next", "BUILD_ID"))}), not rebuilt"`,
      start: inApp("node --import tsx scripts/start.ts"),
      smoke: "node smoke-app.js",
    },
  };
}
const SMOKE_APP = (app: string) => `const { spawnSync } = require("child_process"), fs = require("fs"), path = require("path");
const app = ${JSON.stringify(app)};
const url = process.argv[process.argv.indexOf("--url") + 1];
const built = JSON.parse(fs.readFileSync(path.join(app, ".next", "required-server-files.json"), "utf8")).config.env.NEXT_PUBLIC_GIT_COMMIT;
const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/smoke.ts", "--url", url, "--commit", built], { cwd: app, stdio: "inherit" });
process.exit(run.status ?? 1);
`;

export function makeFixtureRepo(opts: { app?: string } = {}): { repo: string; root: string; remove(): void } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "gw-preview-fixture-"));
  const repo = path.join(base, "repo");
  const root = path.join(base, "previews");
  fs.mkdirSync(repo);
  fs.mkdirSync(root);
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.email=fixture@example.test", "-c", "user.name=Fixture", ...args], { stdio: "pipe" });
  const write = (name: string, text: string) => fs.writeFileSync(path.join(repo, name), text);
  git("init", "-q", "-b", "main");
  write("package.json", JSON.stringify(PACKAGE, null, 2));
  write("package-lock.json", JSON.stringify(LOCK, null, 2));
  write("build.js", BUILD);
  write("server.js", SERVER);
  write("smoke.js", SMOKE);
  fs.mkdirSync(path.join(repo, "drizzle"));
  write("drizzle/0000_init.sql", "-- the fixture's migrations folder: previews with the same one share a template database\n");
  write(".gitignore", "node_modules\nbuilt.txt\n");
  git("add", "-A");
  git("commit", "-q", "-m", "Fixture app");
  git("checkout", "-q", "-b", "broken-build");
  write("build.js", BROKEN_BUILD);
  git("commit", "-q", "-am", "Break the build");
  git("checkout", "-q", "main");
  if (opts.app) {
    git("checkout", "-q", "-b", "groundwork");
    write("package.json", JSON.stringify(realAppPackage(opts.app), null, 2));
    write("smoke-app.js", SMOKE_APP(opts.app));
    fs.rmSync(path.join(repo, "drizzle"), { recursive: true });
    fs.cpSync(path.join(opts.app, "drizzle"), path.join(repo, "drizzle"), { recursive: true });
    git("add", "-A");
    git("commit", "-q", "-m", "Deploy the app's existing build");
    git("checkout", "-q", "main");
  }
  return { repo, root, remove: () => fs.rmSync(base, { recursive: true, force: true }) };
}
