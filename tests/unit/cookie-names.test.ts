import { afterEach, describe, expect, it, vi } from "vitest";
import { cookieName, previewCookiePrefix } from "@/server/http/cookie-names";
import { carriesImpersonation } from "@/server/http/impersonation-writes";

afterEach(() => vi.unstubAllEnvs());

describe("cookie names", () => {
  it("are gw_… by default and __Host- over https", () => {
    vi.stubEnv("COOKIE_PREFIX", "");
    expect(cookieName("session", false)).toBe("gw_session");
    expect(cookieName("session", true)).toBe("__Host-gw_session");
  });

  it("take a preview's prefix, so a preview on the app's host never reads or replaces the app's cookies", () => {
    const a = previewCookiePrefix("0f9e8d7c-6b5a-4321-8765-43210fedcba9");
    const b = previewCookiePrefix("1a2b3c4d-5e6f-4789-8abc-def012345678");
    expect(a).toBe("gwp_0f9e8d7c6b5a_");
    expect(b).not.toBe(a);
    vi.stubEnv("COOKIE_PREFIX", a);
    expect(cookieName("session", false)).toBe("gwp_0f9e8d7c6b5a_session");
    expect(cookieName("flag_overrides", true)).toBe("__Host-gwp_0f9e8d7c6b5a_flag_overrides");
    // The app's own impersonation cookie, sent to the preview on the same host, doesn't make the preview read-only.
    expect(carriesImpersonation(["gw_session", "gw_impersonation"])).toBe(false);
    expect(carriesImpersonation(["gwp_0f9e8d7c6b5a_impersonation"])).toBe(true);
  });

  it("ignore a prefix that could break the Cookie header (env.ts refuses it at boot)", () => {
    vi.stubEnv("COOKIE_PREFIX", "a=b;");
    expect(cookieName("session", false)).toBe("gw_session");
  });
});
