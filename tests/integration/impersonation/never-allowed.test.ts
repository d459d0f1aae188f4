import { describe, expect, it } from "vitest";
import { NEVER_WHILE_IMPERSONATING } from "@/server/auth/impersonation-policy";
import { IMPERSONATION_WRITE_REFUSED, carriesImpersonation, refusesWhileImpersonating } from "@/server/http/impersonation-writes";
import { withRequest } from "@/server/http/with-request";
import { appRouter } from "@/server/trpc/root";
import { impersonatingHeaders } from "../../support/impersonation";
import { call, makeWorld } from "./world";

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" } }>;

/** A valid-looking input per never-allowed procedure: refused before it is even parsed deeply. */
const INPUTS: Record<string, (w: Awaited<ReturnType<typeof makeWorld>>) => unknown> = {
  "auth.changePassword": () => ({ currentPassword: "correct horse battery staple", newPassword: "a sturdy passphrase 42" }),
  "auth.requestEmailChange": () => ({ newEmail: "new-address@example.com", password: "correct horse battery staple" }),
  "twoFactor.beginEnrollment": () => undefined,
  "twoFactor.regenerateRecoveryCodes": () => ({ code: "000000" }),
  "apiKeys.create": (w) => ({ workspaceSlug: w.workspace.slug, name: "Support key", scopes: ["posts:read"] }),
  "billing.openPortal": (w) => ({ workspaceSlug: w.workspace.slug }),
  "workspaces.delete": (w) => ({ workspaceSlug: w.workspace.slug, confirmName: "Acme Labs" }),
  "workspaces.acceptInvite": () => ({ token: "a".repeat(32) }),
  "auth.signOut": () => undefined,
  "impersonation.setWorkspaceSupportAccess": (w) => ({ workspaceSlug: w.workspace.slug, allow: false }),
};

describe("never allowed while impersonating, in either mode", () => {
  it("names only procedures that exist", () => {
    expect(Object.keys(NEVER_WHILE_IMPERSONATING).filter((path) => !procedures[path])).toEqual([]);
  });

  for (const mode of ["read", "write"] as const) {
    it(`${mode} mode: password, email, 2FA, key secrets, recovery codes, payment, deletion, invites are refused with a message`, async () => {
      const w = await makeWorld();
      const { headers } = await impersonatingHeaders(w.staff.id, w.user.id, { mode });
      for (const [path, input] of Object.entries(INPUTS)) {
        const result = await call(path, input(w), headers, procedures[path]!._def.type);
        expect({ path, status: result.status, message: result.body.error?.data.userMessage }).toEqual({
          path,
          status: 403,
          message: expect.stringMatching(/^Support can never .+ while impersonating, in either mode\.$/),
        });
      }
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
