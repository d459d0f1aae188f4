/**
 * CI gate: the schema in src/server/db/schema and the committed migrations in drizzle/
 * must agree. Generates into a scratch copy of drizzle/; any new file means someone
 * changed the schema without committing its migration.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// drizzle-kit only accepts an output folder relative to the project.
fs.mkdirSync(".data", { recursive: true });
const scratch = path.relative(process.cwd(), fs.mkdtempSync(path.join(".data", "drift-check-")));
try {
  fs.cpSync("drizzle", scratch, { recursive: true });
  const before = new Set(fs.readdirSync(scratch));
  const run = spawnSync(
    process.execPath,
    [path.join("node_modules", "drizzle-kit", "bin.cjs"), "generate", "--dialect", "postgresql", "--schema", "./src/server/db/schema/index.ts", "--out", scratch, "--name", "drift"],
    { encoding: "utf8" },
  );
  // drizzle-kit can print an error and still exit 0: require one of its two success lines.
  if (run.status !== 0 || !/No schema changes|Your SQL migration file/.test(run.stdout)) {
    console.error(run.stdout, run.stderr);
    throw new Error("drizzle-kit generate failed");
  }
  const added = fs.readdirSync(scratch).filter((f) => !before.has(f));
  if (added.length > 0) {
    console.error(`Migration drift: the schema has changes with no committed migration. Run \`npm run db:generate\` and commit drizzle/.\n`);
    console.error(fs.readFileSync(path.join(scratch, added[0]!), "utf8"));
    process.exitCode = 1;
  } else {
    console.log("Migrations match the schema.");
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
