import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ImpersonationBanner } from "@/features/impersonation/ui/impersonation-banner";

const status = {
  user: { id: "019b9c51-0000-7000-8000-000000000001", displayName: "Ada Support-Case", email: "ada@example.test" },
  impersonator: { displayName: "Sam Staff" },
  mode: "read" as const,
  reason: "Ticket: can't sign in",
  expiresAt: new Date(Date.UTC(2026, 11, 7, 12, 15)),
  extended: false,
  adminMode: { active: true, expiresAt: new Date(Date.UTC(2026, 11, 7, 12, 30)), needsCode: false },
};

/** The banner's buttons as the server renders them: `[label, disabled]`. */
function serverButtons(): Array<[string, boolean]> {
  const html = renderToStaticMarkup(createElement(ImpersonationBanner, { initial: status }));
  return [...html.matchAll(/<button([^>]*)>(.*?)<\/button>/g)].map(([, attrs, label]) => [label!, / disabled=""/.test(attrs!)]);
}

describe("the impersonation banner before hydration", () => {
  it("renders Stop, Extend and Switch to write mode disabled, so a click on the server's HTML isn't swallowed", () => {
    // The banner is a lazy chunk: until it hydrates, its buttons are inert HTML (a flaky e2e
    // click on "Stop impersonating" did nothing this way). Disabled, a click waits instead.
    expect(serverButtons()).toEqual([
      ["Extend 15 min", true],
      ["Switch to write mode", true],
      ["Stop impersonating", true],
    ]);
  });
});
