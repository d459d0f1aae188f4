import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the dependency rule is enforced by lint", () => {
  it("stops a feature from importing another feature's queries, router or ui", async () => {
    for (const target of ["@/features/billing/server/queries", "@/features/billing/server/router", "@/features/billing/ui/plan-card"]) {
      const errors = await importErrors("src/features/feedback/server/vote.ts", `import { x } from "${target}";\nexport const y = x;\n`);
      expect(errors, target).toEqual([expect.stringMatching(/schemas.ts and operations only/)]);
    }
  });

  it("lets a feature use another feature's schemas and operations", async () => {
    const errors = await importErrors(
      "src/features/feedback/server/vote.ts",
      `import { a } from "@/features/billing/schemas";\nimport { b } from "@/features/billing/server/charge-card";\nexport const y = [a, b];\n`,
    );
    expect(errors).toEqual([]);
  });

  it("keeps operations free of Next, tRPC and Inngest, but not routers", async () => {
    for (const target of ["next/headers", "@trpc/server", "inngest"]) {
      const errors = await importErrors("src/features/feedback/server/vote.ts", `import { x } from "${target}";\nexport const y = x;\n`);
      expect(errors, target).toEqual([expect.stringMatching(/must not depend on Next, tRPC or Inngest/)]);
    }
    expect(await importErrors("src/features/feedback/server/router.ts", `import { x } from "@trpc/server";\nexport const y = x;\n`)).toEqual([]);
  });

  it("keeps imports pointing down: lib and server cannot reach up", async () => {
    expect(await importErrors("src/lib/format.ts", `import { db } from "@/server/db/client";\nexport const y = db;\n`)).toHaveLength(1);
    expect(await importErrors("src/server/db/client.ts", `import { r } from "@/features/billing/schemas";\nexport const y = r;\n`)).toHaveLength(1);
    expect(await importErrors("src/server/trpc/root.ts", `import { r } from "@/features/billing/server/router";\nexport const y = r;\n`)).toEqual([]);
  });
});
