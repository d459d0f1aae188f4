import { describe, expect, it } from "vitest";
import * as route from "@/app/api/inngest/route";

describe("/api/inngest without Inngest configured", () => {
  it.each(["GET", "POST", "PUT"] as const)("%s answers a clear 503 with the request id, not a 500", async (method) => {
    const req = new Request("http://localhost:3000/api/inngest?fnId=x&stepId=step", { method, ...(method === "GET" ? {} : { body: "{}", headers: { "content-type": "application/json" } }) });
    const res = await route[method](req as never, undefined as never);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string; request_id: string } };
    expect(body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.error.message).toMatch(/Inngest is not configured/);
    expect(body.error.request_id).toBe(res.headers.get("x-request-id"));
  });
});
