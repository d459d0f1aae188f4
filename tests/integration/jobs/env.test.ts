import { afterEach, describe, expect, it, vi } from "vitest";

describe("INNGEST_DEV in production", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("refuses to start, naming INNGEST_DEV (dev mode accepts unsigned requests)", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INNGEST_DEV", "1");
    await expect(import("@/server/env")).rejects.toThrow(/INNGEST_DEV: must not be set in production/);
    vi.resetModules();
    vi.stubEnv("INNGEST_DEV", "http://127.0.0.1:8288");
    await expect(import("@/server/env")).rejects.toThrow(/INNGEST_DEV/);
  });

  it("accepts an explicit cloud mode (0) in production, and dev mode outside production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INNGEST_DEV", "0");
    expect((await import("@/server/env")).inngestMode()).toBeNull();
    vi.resetModules();
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("INNGEST_DEV", "http://127.0.0.1:8288");
    expect((await import("@/server/env")).inngestMode()).toEqual({ kind: "dev", url: "http://127.0.0.1:8288" });
  });

  it("names INNGEST_DEV when its value is neither a flag nor a URL", async () => {
    vi.stubEnv("INNGEST_DEV", "yes please");
    await expect(import("@/server/env")).rejects.toThrow(/INNGEST_DEV/);
  });

  it("delivers inline when neither INNGEST_DEV nor Inngest keys are set", async () => {
    expect((await import("@/server/env")).inngestMode()).toBeNull();
  });
});
