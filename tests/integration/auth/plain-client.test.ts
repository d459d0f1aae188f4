/**
 * The plain client the public auth forms use (trpc/vanilla.ts: no tRPC client, no superjson)
 * against the real tRPC handler: what a form shows must be what tRPC's own client would give it.
 * `fetch` is pointed at the handler, adding the headers a browser would send.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { handleTrpcRequest } from "@/server/trpc/handler";
import { describeClientError, failedCallStatus } from "@/trpc/errors";
import { ProcedureError, trpcClient } from "@/trpc/vanilla";
import { browser, newUser } from "./helpers";

let site = "same-origin";
let cookie = "";

beforeEach(() => {
  site = "same-origin";
  cookie = "";
  vi.stubGlobal("fetch", async (input: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(browser())) headers.set(name, value);
    headers.set("sec-fetch-site", site);
    if (cookie) headers.set("cookie", cookie);
    const response = await handleTrpcRequest(new Request(new URL(input, "http://localhost:3000"), { ...init, headers }), {});
    const set = response.headers.getSetCookie().find((c) => c.startsWith("gw_session="));
    if (set) cookie = set.split(";")[0]!;
    return response;
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("the plain tRPC client", () => {
  it("signs in and out: the output as the procedure returns it, the cookie set and cleared", async () => {
    const user = await newUser();
    const result = await trpcClient.auth.signIn.mutate({ email: user.email, password: FACTORY_PASSWORD, next: "/w/acme" });
    expect(result).toEqual({ kind: "signed_in", redirectTo: "/w/acme" });
    expect(cookie).toMatch(/^gw_session=./);
    await trpcClient.auth.signOut.mutate();
    expect(cookie).toBe("gw_session=");
  });

  it("gives a wrong password the server's message, no error id, and its status", async () => {
    const user = await newUser();
    const error = await trpcClient.auth.signIn.mutate({ email: user.email, password: "not the password at all", next: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcedureError);
    expect(describeClientError(error)).toMatchObject({ message: "The email or password is incorrect.", requestId: null });
    expect(failedCallStatus(error)).toBe(401);
  });

  it("puts the server's validation errors under their fields", async () => {
    const error = await trpcClient.auth.signUp.mutate({ displayName: "Ada", email: "not an email", password: "short", next: null }).catch((e: unknown) => e);
    const { fieldErrors } = describeClientError(error);
    expect(Object.keys(fieldErrors ?? {}).sort()).toEqual(["email", "password"]);
  });

  it("is refused when the browser says the request came from another site (CSRF)", async () => {
    site = "cross-site";
    const user = await newUser();
    const error = await trpcClient.auth.signIn.mutate({ email: user.email, password: FACTORY_PASSWORD, next: null }).catch((e: unknown) => e);
    expect(describeClientError(error).message).toBe("This request came from another site and was refused.");
    expect(failedCallStatus(error)).toBe(403);
    expect(cookie).toBe("");
  });

  it("says the server couldn't be reached when there is no answer", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("fetch failed")));
    const error = await trpcClient.auth.requestPasswordReset.mutate({ email: "ada@example.com" }).catch((e: unknown) => e);
    expect(describeClientError(error).message).toBe("Couldn't reach the server. Check your connection and try again.");
    expect(failedCallStatus(error)).toBeNull();
  });
});
