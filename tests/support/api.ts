/**
 * Drives the real /api router (what the Next catch-all and start:api both call) with real
 * `Request`s (request context, auth, limits, metering, envelope) without a server, and issues
 * keys through the real operation. Every response is checked against the served OpenAPI
 * document (`contract.ts`): a test that gets an undocumented answer fails.
 */
import { handleApiRequest } from "@/server/rest/api";
import { createApiKey } from "@/features/api-keys/server/create-api-key";
import type { ApiKeyScope } from "@/lib/api-scopes";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import type { WorkspaceRole } from "@/server/db/schema";
import { ContractChecker, type OpenApiDocument } from "./contract";

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

export type ApiResponse = { status: number; body: Record<string, unknown> & { error?: { code: string; message: string; details: unknown; requestId: string } }; headers: Headers };

export async function api(
  method: Method,
  path: string,
  /** `contract: false` only for a test that checks the contract check itself. */
  opts: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string>; ip?: string; contract?: boolean } = {},
): Promise<ApiResponse> {
  const url = new URL(path, "http://localhost:3000");
  const headers: Record<string, string> = { ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), "x-forwarded-for": opts.ip ?? "203.0.113.10", ...opts.headers };
  const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  const req = new Request(url, { method, headers, body: hasBody ? (opts.rawBody ?? JSON.stringify(opts.body)) : undefined });
  const response = await handleApiRequest(req, {});
  const text = await response.text();
  let body: ApiResponse["body"];
  try {
    body = JSON.parse(text) as ApiResponse["body"];
  } catch {
    body = { raw: text };
  }
  if (opts.contract !== false) (await contract()).check({ method, path: url.pathname, status: response.status, headers: response.headers, body: text === "" ? null : body });
  return { status: response.status, body, headers: response.headers };
}

let checker: Promise<ContractChecker> | null = null;

/** The contract check against the document this process serves (fetched once, as a client would). */
export function contract(): Promise<ContractChecker> {
  return (checker ??= handleApiRequest(new Request("http://localhost:3000/api/v1/openapi.json"), {})
    .then((res) => res.json() as Promise<OpenApiDocument>)
    .then((doc) => new ContractChecker(doc)));
}

let seed = 60_000;
export const nextRandom = () => createRandom(seed++);

/** A workspace with an owner, an admin and a member, and a second workspace elsewhere. */
export async function makeApiWorld() {
  const random = nextRandom();
  const [owner, admin, member, outsider] = [await createUser(db, random), await createUser(db, random), await createUser(db, random), await createUser(db, random)];
  const workspace = await createWorkspaceWithMembers(db, random, { owner, members: [{ user: admin, role: "admin" }, { user: member, role: "member" }] });
  const elsewhere = await createWorkspaceWithMembers(db, random, { owner: outsider });
  return { owner, admin, member, outsider, workspace, elsewhere };
}

export function actorFor(user: { id: string; displayName: string }, workspace: { id: string; slug: string; name: string; personal: boolean }, role: WorkspaceRole) {
  return { userId: user.id, displayName: user.displayName, impersonatorId: null, ip: "127.0.0.1", workspace: { ...workspace, role } };
}

export async function issueKey(
  user: { id: string; displayName: string },
  workspace: { id: string; slug: string; name: string; personal: boolean },
  role: WorkspaceRole,
  opts: { scopes?: ApiKeyScope[]; name?: string; environment?: "live" | "test"; expiresAt?: Date | null; rateLimitPerMinute?: number | null } = {},
) {
  return createApiKey(
    {
      name: opts.name ?? "Integration key",
      environment: opts.environment ?? "live",
      scopes: opts.scopes ?? ["boards:read", "posts:read", "posts:write", "votes:write", "comments:write", "usage:read"],
      expiresAt: opts.expiresAt ?? null,
      rateLimitPerMinute: opts.rateLimitPerMinute ?? null,
    },
    actorFor(user, workspace, role),
    db,
  );
}
