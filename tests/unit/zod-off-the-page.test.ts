import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { STAFF_REASON } from "@/features/admin/constants";
import { reasonField } from "@/features/admin/schemas";
import { POST_BODY, POST_TITLE } from "@/features/feedback/constants";
import { postBody, postTitle } from "@/features/feedback/schemas";
import { enableWriteModeInput, extendImpersonationInput, startImpersonationInput } from "@/features/impersonation/schemas";
import { PING_LABEL } from "@/features/observability/constants";
import { recordPingInput } from "@/features/observability/schemas";
import { lengthError, type LengthRule } from "@/lib/text-length";

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("zod stays off the pages (decision 041)", () => {
  it("lint stops a feature's ui from importing zod or a schemas.ts value, and lets types and constants through", async () => {
    const ui = "src/features/feedback/ui/example.tsx";
    for (const line of ['import { z } from "zod";', 'import { postTitle } from "../schemas";', 'import { secondFactorCode } from "@/features/auth/two-factor-schemas";', 'import { text } from "@/lib/text";']) {
      expect(await restricted(ui, `${line}\nexport const y = [${/\{ (\w+) \}/.exec(line)![1]}];\n`), line).toEqual([expect.stringMatching(/zod-free constants\.ts/)]);
    }
    const allowed = 'import type { BoardDto } from "../schemas";\nimport { LIMITS } from "../constants";\nexport const y: [BoardDto | null, number] = [null, LIMITS.title];\n';
    expect(await restricted(ui, allowed)).toEqual([]);
    // Server code keeps using schemas.ts as before.
    expect(await restricted("src/features/feedback/server/create-post.ts", 'import { postTitle } from "../schemas";\nexport const y = postTitle;\n')).toEqual([]);
  });

  // A form's check in the browser and the server's schema read the same rule, so a user sees the
  // same message whichever catches the mistake.
  const cases: Array<[string, LengthRule, ZodType]> = [
    ["post title", POST_TITLE, postTitle],
    ["post description", POST_BODY, postBody],
    ["ping label", PING_LABEL, recordPingInput.shape.label],
    ["staff action reason", STAFF_REASON, reasonField],
    // One rule for every staff reason: impersonation (start, extend, write mode) reuses the account actions' field.
    ["impersonation reason", STAFF_REASON, startImpersonationInput.shape.reason],
    ["impersonation extend reason", STAFF_REASON, extendImpersonationInput.shape.reason],
    ["write mode reason", STAFF_REASON, enableWriteModeInput.shape.reason],
  ];
  it.each(cases)("the browser's check of the %s says what the server's schema says", (_name, rule, schema) => {
    const samples = ["", "  ", "a", "ab ", "abc", "abcde", "  abcde  ", "x".repeat(rule.max), ` ${"x".repeat(rule.max)} `, "x".repeat(rule.max + 1)];
    for (const sample of samples) {
      const server = schema.safeParse(sample);
      const browser = lengthError(sample, rule);
      expect(browser, JSON.stringify(sample)).toBe(server.success ? undefined : server.error.issues[0]!.message);
    }
  });
});
