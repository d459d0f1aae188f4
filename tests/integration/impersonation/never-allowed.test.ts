import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { NEVER_WHILE_IMPERSONATING } from "@/server/auth/impersonation-policy";
import { IMPERSONATION_WRITE_REFUSED, carriesImpersonation, refusesWhileImpersonating } from "@/server/http/impersonation-writes";
import { withRequest } from "@/server/http/with-request";
import { appRouter } from "@/server/trpc/root";
import { impersonatingHeaders } from "../../support/impersonation";
import { db } from "@/server/db/client";
import { users, workspaces } from "@/server/db/schema";
import { AUTHORIZATION_TABLE, IMPERSONATION_NEVER, makeFixture } from "../../support/procedure-table";
import { call } from "./world";

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" } }>;

describe("never allowed while impersonating, in either mode", () => {
  it("names only procedures that exist, and exactly the issue's list as the authorization table states it", () => {
    expect(Object.keys(NEVER_WHILE_IMPERSONATING).filter((path) => !procedures[path])).toEqual([]);
    expect(Object.keys(NEVER_WHILE_IMPERSONATING).sort()).toEqual([...IMPERSONATION_NEVER].sort());
  });

  // Every listed procedure, with the authorization table's valid input for it: refused before it runs.
  for (const mode of ["read", "write"] as const) {
    it(`${mode} mode: password, email, 2FA, key secrets, recovery codes, payment, deletion, invites are refused with a message`, async () => {
      const f = await makeFixture();
      const { headers } = await impersonatingHeaders(f.staff.id, f.owner.id, { mode });
      const outcomes = [];
      for (const path of [...IMPERSONATION_NEVER].sort()) {
        const result = await call(path, AUTHORIZATION_TABLE[path]!.input(f), headers, procedures[path]!._def.type);
        outcomes.push({ path, status: result.status, message: result.body.error?.data.userMessage });
      }
      expect(outcomes).toEqual(
        [...IMPERSONATION_NEVER].sort().map((path) => ({ path, status: 403, message: expect.stringMatching(/^Support can never .+ while impersonating, in either mode\.$/) })),
      );
      // Nothing happened behind the refusals: the owner's password still signs in and the workspace is still there.
      const [owner] = await db.select({ passwordHash: users.passwordHash, email: users.email, totp: users.totpKeyEncrypted }).from(users).where(eq(users.id, f.owner.id));
      expect(owner).toEqual({ passwordHash: f.owner.passwordHash, email: f.owner.email, totp: null });
      expect(await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, f.workspace.id))).toHaveLength(1);
    });
  }
});

describe("non-tRPC writes while impersonating (the proxy's rule)", () => {
  it("refuses forms, REST and uploads; leaves reads, tRPC and Pusher auth to their own checks", () => {
    expect(refusesWhileImpersonating("POST", "/w/acme/settings")).toBe(true);
    expect(refusesWhileImpersonating("POST", "/api/v1/boards/123/posts")).toBe(true);
    expect(refusesWhileImpersonating("PUT", "/api/uploads/avatar")).toBe(true);
    expect(refusesWhileImpersonating("DELETE", "/api/v1/posts/1")).toBe(true);
    expect(refusesWhileImpersonating("GET", "/w/acme")).toBe(false);
    expect(refusesWhileImpersonating("HEAD", "/api/v1/boards")).toBe(false);
    expect(refusesWhileImpersonating("POST", "/api/trpc/feedback.setVote")).toBe(false);
    expect(refusesWhileImpersonating("POST", "/api/pusher/auth")).toBe(false);
    expect(carriesImpersonation(["gw_session", "gw_impersonation"])).toBe(true);
    expect(carriesImpersonation(["__Host-gw_session", "__Host-gw_impersonation"])).toBe(true);
    expect(carriesImpersonation(["gw_session"])).toBe(false);
    expect(IMPERSONATION_WRITE_REFUSED).toMatch(/impersonating/);
  });

  it("route handlers (withRequest) answer such a write with 403 and the message, before the handler runs", async () => {
    let ran = 0;
    const handler = withRequest(async () => (ran++, new Response("ok")));
    const post = (cookie: string) => handler(new Request("http://localhost:3000/api/unsubscribe", { method: "POST", headers: { cookie } }), {});
    const refused = await post("gw_session=abc; gw_impersonation=def");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(IMPERSONATION_WRITE_REFUSED);
    expect(ran).toBe(0);
    expect((await post("gw_session=abc")).status).toBe(200);
    expect((await handler(new Request("http://localhost:3000/api/health", { headers: { cookie: "gw_impersonation=def" } }), {})).status).toBe(200);
    expect(ran).toBe(2);
  });
});
