import { describe, expect, it } from "vitest";
import { readJson, trpcMutation, trpcQuery, trpcRaw, type TrpcErrorBody } from "../support/http";
import { db } from "@/server/db/client";
import { diagnosticPings } from "@/server/db/schema";

async function pingCount() {
  return (await db.select().from(diagnosticPings)).length;
}

describe("bad input to a procedure", () => {
  it("answers malformed JSON with 400 and says the body is not JSON", async () => {
    const res = await trpcRaw("observability.recordPing", '{"json": {"label": "x"');
    expect(res.status).toBe(400);
    const body = await readJson<TrpcErrorBody>(res);
    expect(body.error.data.userMessage).toMatch(/not valid JSON/);
    expect(body.error.data.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("names the field when a value has the wrong type", async () => {
    const res = await trpcMutation("observability.recordPing", { label: 42 });
    expect(res.status).toBe(400);
    const { error } = await readJson<TrpcErrorBody>(res);
    expect(error.data.fieldErrors?.label).toEqual(["Label must be text"]);
    expect(error.data.userMessage).toBe("label: Label must be text");
  });

  it("names the field when a string is too long, and stores nothing", async () => {
    const before = await pingCount();
    const res = await trpcMutation("observability.recordPing", { label: "x".repeat(10_000) });
    expect(res.status).toBe(400);
    const { error } = await readJson<TrpcErrorBody>(res);
    expect(error.data.fieldErrors?.label?.[0]).toMatch(/at most 80 characters/);
    expect(await pingCount()).toBe(before);
  });

  it("rejects a blank label after trimming", async () => {
    const res = await trpcMutation("observability.recordPing", { label: "   " });
    expect(res.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors?.label).toEqual(["Label can't be empty"]);
  });

  it("answers a body over the limit with 413, not a crash", async () => {
    const res = await trpcRaw("observability.recordPing", JSON.stringify({ json: { label: "x".repeat(3 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
    expect((await readJson<TrpcErrorBody>(res)).error.data.userMessage).toMatch(/too large/);
  });

  it("names query input fields too (wrong type in a query)", async () => {
    const res = await trpcQuery("observability.listPings", { limit: "ten" });
    expect(res.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors?.limit).toEqual(["Limit must be a number"]);
  });

  it("answers an unknown procedure with 404", async () => {
    const res = await trpcQuery("observability.nope");
    expect(res.status).toBe(404);
  });

  it("refuses a cross-site mutation (CSRF) and stores nothing", async () => {
    const before = await pingCount();
    const res = await trpcMutation("observability.recordPing", { label: "from evil" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    expect(await pingCount()).toBe(before);
  });

  it("accepts a same-origin mutation and returns only the DTO fields", async () => {
    const res = await trpcMutation("observability.recordPing", { label: "  hello  " }, { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(200);
    const body = await readJson<{ result: { data: Record<string, unknown> } }>(res);
    expect(Object.keys(body.result.data).sort()).toEqual(["createdAt", "id", "label"]);
    expect(body.result.data.label).toBe("hello");
    expect(body.result.data.createdAt).toBeInstanceOf(Date);
  });
});
