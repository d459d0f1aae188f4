import { describe, expect, it } from "vitest";
import { isOwnEcho, newClientMutationId } from "@/lib/client-mutation-id";

describe("echo suppression", () => {
  it("recognises events caused by this tab's own mutations, and only those", () => {
    const mine = newClientMutationId();
    expect(isOwnEcho({ clientMutationId: mine })).toBe(true);
    expect(isOwnEcho({ clientMutationId: crypto.randomUUID() })).toBe(false);
    expect(isOwnEcho({ clientMutationId: null })).toBe(false);
  });
});
