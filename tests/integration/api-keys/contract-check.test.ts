/**
 * The contract check can fail: responses that depart from the served document in each way
 * it checks are caught, and the real response they were made from passes.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { api, contract, issueKey, makeApiWorld } from "../../support/api";

let key: string;
beforeAll(async () => {
  const w = await makeApiWorld();
  key = (await issueKey(w.admin, w.workspace, "admin")).secret;
});
afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

const withHeaders = (headers: Headers, change: (h: Headers) => void) => {
  const copy = new Headers(headers);
  change(copy);
  return copy;
};

it("passes real responses and catches each kind of departure", async () => {
  const checker = await contract();
  const me = await api("GET", "/api/v1/me", { key });
  const ok = { method: "GET", path: "/api/v1/me", status: 200, headers: me.headers, body: me.body };
  expect(checker.problems(ok)).toEqual([]);

  const cases: Array<[string, typeof ok, RegExp]> = [
    ["an undocumented status", { ...ok, status: 418 }, /status 418 is not documented/],
    ["a body outside the schema", { ...ok, body: { ...me.body, key: { ...(me.body.key as object), id: 42 } } }, /body does not match the schema: .*key\/id must be string/],
    ["a missing field", { ...ok, body: { key: me.body.key, workspace: me.body.workspace } }, /must have required property 'actingAs'/],
    ["a required header missing", { ...ok, headers: withHeaders(me.headers, (h) => h.delete("ratelimit")) }, /required header ratelimit is missing/],
    ["a header in the wrong form", { ...ok, headers: withHeaders(me.headers, (h) => h.set("ratelimit-remaining", "5")) }, /header ratelimit-remaining is sent but not documented/],
    ["a RateLimit in the superseded form", { ...ok, headers: withHeaders(me.headers, (h) => h.set("ratelimit", "limit=600, remaining=5")) }, /header ratelimit: .* must match pattern/],
  ];
  for (const [label, res, problem] of cases) expect(checker.problems(res).join("\n"), label).toMatch(problem);

  const unauthorized = await api("GET", "/api/v1/me");
  const refusal = { method: "GET", path: "/api/v1/me", status: 401, headers: unauthorized.headers, body: unauthorized.body };
  expect(checker.problems(refusal)).toEqual([]);
  const notThisCode = { ...refusal, body: { error: { ...unauthorized.body.error!, code: "not_found" } } };
  expect(checker.problems(notThisCode).join("\n")).toMatch(/error\/code must be equal to one of the allowed values/);
  expect(checker.problems({ ...refusal, headers: withHeaders(refusal.headers, (h) => h.delete("www-authenticate")) }).join("\n")).toMatch(/www-authenticate is missing/);

  const wrongMethod = await api("POST", "/api/v1/openapi.json");
  const notAllowed = { method: "POST", path: "/api/v1/openapi.json", status: 405, headers: wrongMethod.headers, body: wrongMethod.body };
  expect(checker.problems(notAllowed)).toEqual([]);
  expect(checker.problems({ ...notAllowed, headers: withHeaders(notAllowed.headers, (h) => h.delete("allow")) }).join("\n")).toMatch(/allow is missing/);
  expect(checker.problems({ ...notAllowed, status: 400 }).join("\n")).toMatch(/status 400 is not documented/);
});

it("fails the test that produced a departing response", async () => {
  const checker = await contract();
  const me = await api("GET", "/api/v1/me", { key });
  expect(() => checker.check({ method: "GET", path: "/api/v1/me", status: 201, headers: me.headers, body: me.body })).toThrow(/departs from the OpenAPI document/);
});
