import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "@/server/http/csrf";

const post = (headers: Record<string, string>) => new Request("http://localhost:3000/api/trpc/x", { method: "POST", headers });

describe("CSRF origin check", () => {
  it("trusts Sec-Fetch-Site when the browser sends it", () => {
    expect(isCrossSiteRequest(post({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3300" }))).toBe(false);
    expect(isCrossSiteRequest(post({ "sec-fetch-site": "cross-site", origin: "http://localhost:3000" }))).toBe(true);
    expect(isCrossSiteRequest(post({ "sec-fetch-site": "same-site" }))).toBe(true);
  });
  it("falls back to Origin against APP_URL or the Host the request was sent to", () => {
    expect(isCrossSiteRequest(post({ origin: "http://localhost:3000" }))).toBe(false);
    expect(isCrossSiteRequest(post({ origin: "http://127.0.0.1:3300", host: "127.0.0.1:3300" }))).toBe(false);
    expect(isCrossSiteRequest(post({ origin: "https://evil.example", host: "127.0.0.1:3300" }))).toBe(true);
  });
  it("lets non-browser clients (no Origin, no Sec-Fetch-Site) through", () => {
    expect(isCrossSiteRequest(post({}))).toBe(false);
  });
});
