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

  it("payments: Stripe when its key is set, else the loopback local gateway, else none", async () => {
    vi.stubEnv("STRIPE_DEV_URL", "");
    const none = await import("@/server/env");
    expect(none.stripeMode()).toBeNull();
    vi.resetModules();
    vi.stubEnv("STRIPE_DEV_URL", "http://127.0.0.1:12111");
    const local = await import("@/server/env");
    expect(local.stripeMode()).toMatchObject({ kind: "local", url: "http://127.0.0.1:12111", secretKey: expect.stringMatching(/^sk_test_/), webhookSecret: expect.stringMatching(/^whsec_/) });
    vi.resetModules();
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_real");
    const partial = await import("@/server/env");
    expect(() => partial.stripeMode()).toThrow(/set STRIPE_WEBHOOK_SECRET/);
    vi.resetModules();
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_real");
    expect((await import("@/server/env")).stripeMode()).toEqual({ kind: "stripe", secretKey: "sk_test_real", webhookSecret: "whsec_real" });
    vi.unstubAllEnvs();
    vi.resetModules();
    vi.stubEnv("STRIPE_DEV_URL", "http://stripe.example.com:12111");
    await expect(import("@/server/env")).rejects.toThrow(/STRIPE_DEV_URL: must be the local Stripe server's loopback/);
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
