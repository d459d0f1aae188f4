import { describe, expect, it } from "vitest";
import { resolveClientAddress } from "@/server/http/client-ip";

describe("resolveClientAddress", () => {
  it("with no trusted proxy, is the socket's address whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress({ socketAddress: "198.51.100.9", forwardedFor: "203.0.113.1, 203.0.113.2", hops: 0 })).toBe("198.51.100.9");
  });

  it("behind N proxies, is the address the outermost trusted proxy appended, however many entries the client prepends", () => {
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "198.51.100.9", hops: 1 })).toBe("198.51.100.9");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "1.1.1.1, 2.2.2.2, 198.51.100.9", hops: 1 })).toBe("198.51.100.9");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.9, 172.16.0.5", hops: 2 })).toBe("198.51.100.9");
  });

  it("normalizes IPv4-mapped IPv6, ports and brackets, and refuses what is not an address", () => {
    expect(resolveClientAddress({ socketAddress: "::ffff:127.0.0.1", forwardedFor: null, hops: 0 })).toBe("127.0.0.1");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "198.51.100.9:5123", hops: 1 })).toBe("198.51.100.9");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "[2001:db8::7]:443", hops: 1 })).toBe("2001:db8::7");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "not-an-ip", hops: 1 })).toBe("unknown");
    expect(resolveClientAddress({ socketAddress: null, forwardedFor: null, hops: 0 })).toBe("unknown");
  });

  it("with fewer entries than hops, takes the left-most (no client-written entry exists then)", () => {
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "198.51.100.9", hops: 3 })).toBe("198.51.100.9");
  });
});
