import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, pusherConnectSources } from "@/server/http/security-headers";

const credentials = { PUSHER_APP_ID: "1", PUSHER_KEY: "key", PUSHER_SECRET: "secret" };

describe("CSP connect-src for the Pusher WebSocket", () => {
  it("adds nothing when Pusher is not configured", () => {
    expect(pusherConnectSources({})).toEqual([]);
    expect(pusherConnectSources({ PUSHER_KEY: "key", PUSHER_HOST: "127.0.0.1" })).toEqual([]);
    expect(contentSecurityPolicy("n", { dev: false, connectSources: [] })).toContain("connect-src 'self';");
  });

  it("allows hosted Pusher's cluster over wss, and a self-hosted server at its host and port", () => {
    expect(pusherConnectSources(credentials)).toEqual(["wss://ws-mt1.pusher.com"]);
    expect(pusherConnectSources({ ...credentials, PUSHER_CLUSTER: "eu" })).toEqual(["wss://ws-eu.pusher.com"]);
    expect(pusherConnectSources({ ...credentials, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001" })).toEqual(["ws://127.0.0.1:6001"]);
    expect(pusherConnectSources({ ...credentials, PUSHER_HOST: "soketi.example.com", PUSHER_PORT: "443" })).toEqual(["wss://soketi.example.com"]);
    expect(contentSecurityPolicy("n", { dev: false, connectSources: ["ws://127.0.0.1:6001"] })).toContain("connect-src 'self' ws://127.0.0.1:6001;");
  });
});
