import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { describeDevice } from "@/features/auth/server/sessions/describe-device";
import { describeChange, fieldLabel } from "@/lib/describe-change";
import { plural } from "@/lib/plural";
import { slugify } from "@/lib/slug";
import { describeClientError, describeFormError } from "@/trpc/errors";

const failure = (httpStatus: number, userMessage: string, fieldErrors: Record<string, string[]> | null = null) =>
  new TRPCClientError(userMessage, { result: { error: { message: userMessage, code: -32600, data: { httpStatus, userMessage, requestId: "req_123", fieldErrors } } } });

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

describe("describeFormError", () => {
  it("puts a field error under its field and toasts nothing (one failure, told once)", () => {
    const described = describeFormError(failure(400, "Name can't be empty", { name: ["Name can't be empty", "second"] }), ["name", "description"]);
    expect(described).toEqual({ fieldErrors: { name: "Name can't be empty" }, toast: null });
  });

  it("toasts an error about a field the form doesn't show, and unexpected failures with their error id", () => {
    expect(describeFormError(failure(400, "Slug is taken", { slug: ["Slug is taken"] }), ["name"])).toEqual({ fieldErrors: {}, toast: "Slug is taken" });
    expect(describeFormError(failure(500, "Something went wrong on our side."), ["name"]).toast).toBe("Something went wrong on our side. (error id req_123)");
    expect(describeFormError(new TypeError("Failed to fetch"), ["name"]).toast).toBe("Something went wrong. Try again.");
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

describe("describeDevice", () => {
  it("reads a user-agent header the way people say it (sessions page and security log alike)", () => {
    expect(describeDevice("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36")).toBe("Chrome 130 on Linux");
    expect(describeDevice(null)).toBe("Unknown device");
  });
});

describe("describeChange", () => {
  it("lists only the fields that changed, in words", () => {
    expect(describeChange({ role: "member", name: "Ada" }, { role: "admin", name: "Ada" })).toEqual([{ field: "Role", before: "member", after: "admin" }]);
    expect(describeChange(null, { slug: "ideas", isPublic: true, scopes: ["read", "write"] })).toEqual([
      { field: "Slug", before: null, after: "ideas" },
      { field: "Is public", before: null, after: "yes" },
      { field: "Scopes", before: null, after: "read, write" },
    ]);
    expect(describeChange({ email: "a@x.test" }, null)).toEqual([{ field: "Email", before: "a@x.test", after: null }]);
    expect(describeChange(null, null)).toEqual([]);
    expect(describeChange("free", "pro")).toEqual([{ field: null, before: "free", after: "pro" }]);
    expect(fieldLabel("member.role_changed")).toBe("Member role changed");
  });
});
