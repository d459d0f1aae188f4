import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { plural } from "@/lib/plural";
import { slugify } from "@/lib/slug";
import { describeClientError } from "@/trpc/errors";

const failure = (httpStatus: number, userMessage: string) =>
  new TRPCClientError(userMessage, { result: { error: { message: userMessage, code: -32600, data: { httpStatus, userMessage, requestId: "req_123", fieldErrors: null } } } });

describe("describeClientError", () => {
  it("keeps the error id off expected failures (a wrong password is not a crash)", () => {
    const described = describeClientError(failure(401, "Wrong email or password."));
    expect(described.message).toBe("Wrong email or password.");
    expect(described.requestId).toBeNull();
  });

  it("puts the error id on unexpected (5xx) failures, where support can look it up", () => {
    const described = describeClientError(failure(500, "Something went wrong on our side."));
    expect(described.message).toBe("Something went wrong on our side. (error id req_123)");
    expect(described.requestId).toBe("req_123");
  });
});

describe("slugify", () => {
  it("makes an address from a name", () => {
    expect(slugify("Feature Requests")).toBe("feature-requests");
    expect(slugify("  Ada's Lab! ")).toBe("adas-lab");
    expect(slugify("Café — Ideas")).toBe("cafe-ideas");
    expect(slugify("!!!")).toBe("");
    expect(slugify("a".repeat(39) + " b", 40)).toBe("a".repeat(39));
  });
});

describe("plural", () => {
  it("agrees with the count", () => {
    expect(plural(1, "vote")).toBe("1 vote");
    expect(plural(0, "vote")).toBe("0 votes");
    expect(plural(1204, "vote")).toBe("1,204 votes");
    expect(plural(2, "person", "people")).toBe("2 people");
  });
});
