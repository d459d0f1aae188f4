/**
 * Every tRPC procedure, enumerated from the router (a new one is fuzzed without touching this
 * file; the procedure table makes it give a valid input), over the real HTTP handler: each leaf
 * of a valid input replaced by every hostile value (NUL, lone surrogates, 1e308, -0, huge and
 * wrong types, very long strings), plus hostile JSON texts (deep nesting, prototype-pollution
 * keys). Called as a caller allowed to reach the operation. No answer may be a 5xx.
 */
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/trpc/root";
import { trpcRaw } from "../support/http";
import { HOSTILE_JSON_TEXTS, HOSTILE_VALUES, leaves, withLeaf } from "../support/hostile-input";
import { AUTHORIZATION_TABLE, makeFixture, type Role } from "../support/procedure-table";
import { signedInHeaders } from "../support/sessions";
import { handleTrpcRequest } from "@/server/trpc/handler";

type Procedure = { _def: { type: "query" | "mutation" | "subscription" } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>).sort(([a], [b]) => a.localeCompare(b));
/** The caller most likely to get past authorization into the operation. */
const PREFERENCE: Role[] = ["owner", "admin", "staff", "member", "outsider", "anonymous", "pending"];

async function send(path: string, type: "query" | "mutation", body: string, headers: Record<string, string>): Promise<Response> {
  if (type === "mutation") return trpcRaw(path, body, headers);
  return handleTrpcRequest(new Request(`http://localhost:3000/api/trpc/${path}?input=${encodeURIComponent(body)}`, { headers }), {});
}

describe("tRPC fuzz", () => {
  it("covers every procedure of the router", () => {
    expect(procedures.map(([path]) => path).filter((path) => !AUTHORIZATION_TABLE[path])).toEqual([]);
  });

  for (const [path, procedure] of procedures) {
    const row = AUTHORIZATION_TABLE[path];
    if (!row || procedure._def.type === "subscription") continue;
    it(`${path}: hostile input never answers 5xx`, { timeout: 120_000 }, async () => {
      const f = await makeFixture();
      const role = PREFERENCE.find((r) => row.allow.includes(r)) ?? "anonymous";
      const headers = role === "anonymous" ? {} : await signedInHeaders(f[role].id, { twoFactorVerified: role !== "pending" });
      const valid = row.input(f) ?? {};
      const bodies: string[] = HOSTILE_JSON_TEXTS.map((text) => `{"json":${text}}`);
      for (const leaf of leaves(valid)) {
        for (const value of HOSTILE_VALUES) bodies.push(JSON.stringify(superjson.serialize(withLeaf(valid, leaf.path, value))));
      }
      // Unknown and pollution keys beside a valid input.
      bodies.push(JSON.stringify({ json: { ...(valid as object), __proto__: { admin: true }, constructor: { prototype: { x: 1 } }, "k\u0000": 1 } }));
      const failures: string[] = [];
      for (const body of bodies) {
        const res = await send(path, procedure._def.type as "query" | "mutation", body, headers);
        if (res.status >= 500) failures.push(`${res.status} ${body.slice(0, 160)} → ${(await res.text()).slice(0, 200)}`);
        else await res.arrayBuffer();
      }
      expect(failures).toEqual([]);
    });
  }
});
