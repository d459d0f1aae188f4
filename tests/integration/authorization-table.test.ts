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
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { appRouter } from "@/server/trpc/root";
import { callerWithHeaders } from "../support/callers";
import { signedInHeaders } from "../support/sessions";

const ROLES = ["anonymous", "outsider", "member", "admin", "owner", "staff"] as const;
type Role = (typeof ROLES)[number];

let seed = 10_000;
async function makeFixture() {
  const random = createRandom(++seed);
  const [owner, admin, member, outsider, staff] = await Promise.all([
    createUser(db, random),
    createUser(db, random),
    createUser(db, random),
    createUser(db, random),
    createUser(db, random, { staffRole: "admin" }),
  ]);
  const workspace = await createWorkspaceWithMembers(db, random, {
    owner: owner!,
    members: [
      { user: admin!, role: "admin" },
      { user: member!, role: "member" },
    ],
  });
  const other = await createWorkspaceWithMembers(db, random, { owner: outsider! });
  return { owner: owner!, admin: admin!, member: member!, outsider: outsider!, staff: staff!, workspace, other };
}
type Fixture = Awaited<ReturnType<typeof makeFixture>>;

type Row = { allow: readonly Role[]; input: (f: Fixture) => unknown };
const everyone = ROLES;
export const signedIn = ["outsider", "member", "admin", "owner", "staff"] as const;

export const AUTHORIZATION_TABLE: Record<string, Row> = {
  "observability.status": { allow: everyone, input: () => undefined },
  "observability.listPings": { allow: everyone, input: () => ({ limit: 5 }) },
  "observability.recordPing": { allow: everyone, input: () => ({ label: "authz" }) },
};

const DENIED = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

async function outcome(role: Role, path: string, row: Row): Promise<"allow" | "deny"> {
  const f = await makeFixture();
  const headers = role === "anonymous" ? {} : await signedInHeaders(f[role].id, { twoFactorVerified: true });
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

