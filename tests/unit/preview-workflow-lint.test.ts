import { expect, it } from "vitest";
import { lintWorkflows } from "../../scripts/lint-workflows";

it("the committed preview workflow passes actionlint", async () => {
  expect(await lintWorkflows()).toEqual([]);
});

it("actionlint does catch a broken workflow (the check can fail)", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-workflows-"));
  fs.writeFileSync(path.join(dir, "bad.yml"), "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.nope.deeper }}\n        uses: actions/checkout@v4\n");
  const problems = await lintWorkflows(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  expect(problems.length).toBeGreaterThan(0);
});
