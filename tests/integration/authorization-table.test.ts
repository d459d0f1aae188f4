/**
 * Every procedure × every kind of caller, from one table — staff impersonating the owner
 * (read-only and write mode) included. A procedure missing from the
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
import { AUTHORIZATION_TABLE, IMPERSONATED_ROLES, impersonatedExpectation, makeFixture, ROLES, type Role, type Row } from "../support/procedure-table";
import { callerWithHeaders } from "../support/callers";
import { impersonatingHeaders } from "../support/impersonation";
import { signedInHeaders } from "../support/sessions";

const DENIED = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

type Column = Role | (typeof IMPERSONATED_ROLES)[number];
type Procedure = { _def: { type: "query" | "mutation" | "subscription" } };

async function headersFor(role: Column, f: Awaited<ReturnType<typeof makeFixture>>): Promise<Record<string, string>> {
  if (role === "anonymous") return {};
  if (role === "impersonated-read" || role === "impersonated-write") {
    return (await impersonatingHeaders(f.staff.id, f.owner.id, { mode: role === "impersonated-read" ? "read" : "write" })).headers;
  }
  return signedInHeaders(f[role].id, { twoFactorVerified: role !== "pending" });
}

async function outcome(role: Column, path: string, row: Row): Promise<"allow" | "deny"> {
  const f = await makeFixture();
  const headers = await headersFor(role, f);
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
    const type = (appRouter._def.procedures as unknown as Record<string, Procedure>)[path]!._def.type;
    const impersonated = impersonatedExpectation(path, row, type);
    const expected: Record<Column, boolean> = {
      ...(Object.fromEntries(ROLES.map((r) => [r, row.allow.includes(r)])) as Record<Role, boolean>),
      "impersonated-read": impersonated.read,
      "impersonated-write": impersonated.write,
    };
    const columns = [...ROLES, ...IMPERSONATED_ROLES];
    it(`${path}: ${columns.map((r) => `${r} ${expected[r] ? "✓" : "✗"}`).join(", ")}`, async () => {
      const results: Record<string, string> = {};
      for (const role of columns) results[role] = await outcome(role, path, row);
      expect(results).toEqual(Object.fromEntries(columns.map((r) => [r, expected[r] ? "allow" : "deny"])));
    });
  }
});

