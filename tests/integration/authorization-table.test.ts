/**
 * Every procedure × every kind of caller, from one table. A procedure missing from the
 * table fails the suite, so authorization is decided (and proven) for each new endpoint.
 *
 * "deny" means the call failed with UNAUTHORIZED, FORBIDDEN or NOT_FOUND (non-members get
 * NOT_FOUND so workspaces can't be probed). "allow" means it got past authorization: it
 * succeeded, or failed for a business reason (CONFLICT, BAD_REQUEST…), never an auth code.
 * Each call gets a fresh fixture, so destructive procedures can't affect the next row.
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/trpc/root";
import { AUTHORIZATION_TABLE, makeFixture, ROLES, type Role, type Row } from "../support/procedure-table";
import { callerWithHeaders } from "../support/callers";
import { signedInHeaders } from "../support/sessions";

const DENIED = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

async function outcome(role: Role, path: string, row: Row): Promise<"allow" | "deny"> {
  const f = await makeFixture();
  const headers = role === "anonymous" ? {} : await signedInHeaders(f[role].id, { twoFactorVerified: role !== "pending" });
  const caller = await callerWithHeaders(headers);
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    await fn(row.input(f));
    return "allow";
  } catch (error) {
    if (error instanceof TRPCError && DENIED.has(error.code)) return "deny";
    if (error instanceof TRPCError && error.code === "INTERNAL_SERVER_ERROR") throw error;
    return "allow";
  }
}

describe("authorization table", () => {
  const procedures = Object.keys(appRouter._def.procedures).sort();

  it("has a row for every procedure, and no row for a procedure that doesn't exist", () => {
    expect(procedures).toEqual(Object.keys(AUTHORIZATION_TABLE).sort());
  });

  for (const path of procedures) {
    const row = AUTHORIZATION_TABLE[path];
    if (!row) continue;
    it(`${path}: ${ROLES.map((r) => `${r} ${row.allow.includes(r) ? "✓" : "✗"}`).join(", ")}`, async () => {
      const results: Record<string, string> = {};
      for (const role of ROLES) results[role] = await outcome(role, path, row);
      expect(results).toEqual(Object.fromEntries(ROLES.map((r) => [r, row.allow.includes(r) ? "allow" : "deny"])));
    });
  }
});

