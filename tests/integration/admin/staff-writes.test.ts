/**
 * Admin mode on every staff write of the console, not just the one admin-mode.test probes: each
 * is refused to a staff admin who hasn't re-entered their password, before it does anything.
 * Staff mutations without admin mode are listed with the reason, so a new one must be placed.
 */
import { describe, expect, it } from "vitest";
import { ADMIN_MODE_REQUIRED } from "@/lib/admin-mode";
import { appRouter } from "@/server/trpc/root";
import { callerWithHeaders } from "../../support/callers";
import { AUTHORIZATION_TABLE, makeFixture } from "../../support/procedure-table";
import { signedInHeaders } from "../../support/sessions";
import { rejection } from "../two-factor/support";

const NEED_ADMIN_MODE = [
  "admin.resendVerification", "admin.markVerified", "admin.sendPasswordReset", "admin.resetTwoFactor", "admin.revokeSessions",
  "admin.setLock", "admin.transferOwnership", "admin.deleteUser",
  "impersonation.start", "securityRules.add", "securityRules.remove", "staff.setStaffRole", "staffBilling.grantCredit",
  "flags.update", "flags.setKillSwitch", "flags.addCohortMember", "flags.removeCohortMember",
  "jobs.replayEmail", "jobs.replayRun",
];

const WITHOUT_ADMIN_MODE: Record<string, string> = {
  "admin.enterAdminMode": "it is how admin mode is entered",
  "admin.exitAdminMode": "leaving needs no password",
  "support.reply": "answering customers changes no account (decision 049)",
  "support.note": "decision 049",
  "support.setStatus": "decision 049",
  "support.assign": "decision 049",
  "flags.setOverride": "a staff member's own override changes only their own view",
  "previews.create": "product staff's own preview deployments, not the support console",
  "previews.extend": "previews",
  "previews.destroy": "previews",
  "previews.retry": "previews",
  "previews.setFlag": "previews",
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const staffMutations = Object.keys(AUTHORIZATION_TABLE)
  .filter((path) => procedures[path]?._def.type === "mutation" && AUTHORIZATION_TABLE[path]!.allow.length === 1 && AUTHORIZATION_TABLE[path]!.allow[0] === "staff")
  .sort();

describe("admin mode on every staff write", () => {
  it("every staff-only mutation either needs admin mode or is listed with why it doesn't", () => {
    expect(staffMutations).toEqual([...NEED_ADMIN_MODE, ...Object.keys(WITHOUT_ADMIN_MODE)].sort());
  });

  it("each console write answers a staff admin without admin mode with 412 admin_mode_required", async () => {
    const f = await makeFixture();
    const caller = await callerWithHeaders(await signedInHeaders(f.staff.id, { twoFactorVerified: true }));
    const outcomes = [];
    for (const path of NEED_ADMIN_MODE) {
      const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
      const error = await rejection(fn(AUTHORIZATION_TABLE[path]!.input(f)));
      outcomes.push({ path, code: error.code, reason: error.reason });
    }
    expect(outcomes).toEqual(NEED_ADMIN_MODE.map((path) => ({ path, code: "PRECONDITION_FAILED", reason: ADMIN_MODE_REQUIRED })));
  });
});
