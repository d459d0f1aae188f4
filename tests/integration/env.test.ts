import { beforeEach, describe, expect, it, vi } from "vitest";

describe("environment validation", () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it("stops with a message naming a missing required variable", async () => {
    vi.stubEnv("DATABASE_URL", "");
    await expect(import("@/server/env")).rejects.toThrow(/DATABASE_URL/);
    vi.unstubAllEnvs();
  });

  it("names a variable with a bad value", async () => {
    vi.stubEnv("LOG_LEVEL", "loud");
    await expect(import("@/server/env")).rejects.toThrow(/LOG_LEVEL/);
    vi.unstubAllEnvs();
  });

  it("yields null for an integration that is not configured, and refuses a half-configured one", async () => {
    const { stripeEnv } = await import("@/server/env");
    expect(stripeEnv()).toBeNull();
    vi.resetModules();
    vi.stubEnv("SMTP_URL", "smtp://mail.local:25");
    const partial = await import("@/server/env");
    expect(() => partial.smtpEnv()).toThrow(/set MAIL_FROM/);
    vi.unstubAllEnvs();
  });
});
