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

  it("API_KEY_PEPPER: 32+ characters, required in production, a fixed dev value otherwise", async () => {
    vi.stubEnv("API_KEY_PEPPER", "too-short");
    await expect(import("@/server/env")).rejects.toThrow(/API_KEY_PEPPER/);
    vi.unstubAllEnvs();
    vi.resetModules();
    expect((await import("@/server/env")).apiKeyPepper()).toMatch(/not-for-production/);
    vi.resetModules();
    vi.stubEnv("NODE_ENV", "production");
    const production = await import("@/server/env");
    expect(() => production.apiKeyPepper()).toThrow(/API_KEY_PEPPER: required in production/);
    vi.unstubAllEnvs();
  });
});
