/**
 * Drives the real /api/v1 route handlers with real `Request`s (request context, auth, limits,
 * metering, envelope) without a server, and issues keys through the real operation.
 */
import * as boards from "@/app/api/v1/boards/route";
import * as boardPosts from "@/app/api/v1/boards/[boardId]/posts/route";
import * as me from "@/app/api/v1/me/route";
import * as post from "@/app/api/v1/posts/[postId]/route";
import * as postComments from "@/app/api/v1/posts/[postId]/comments/route";
import * as postVote from "@/app/api/v1/posts/[postId]/vote/route";
import * as usage from "@/app/api/v1/usage/route";
import * as rest from "@/app/api/v1/[...rest]/route";
import { createApiKey } from "@/features/api-keys/server/create-api-key";
import type { ApiKeyScope } from "@/lib/api-scopes";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import type { WorkspaceRole } from "@/server/db/schema";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type RouteModule = Record<Method, Handler>;

/** Path patterns → the route module Next would pick (params named as in the folder names). */
export const ROUTES: Array<{ pattern: RegExp; params: string[]; handlers: RouteModule }> = [
  { pattern: /^\/api\/v1\/me$/, params: [], handlers: me as unknown as RouteModule },
  { pattern: /^\/api\/v1\/usage$/, params: [], handlers: usage as unknown as RouteModule },
  { pattern: /^\/api\/v1\/boards$/, params: [], handlers: boards as unknown as RouteModule },
  { pattern: /^\/api\/v1\/boards\/([^/]+)\/posts$/, params: ["boardId"], handlers: boardPosts as unknown as RouteModule },
  { pattern: /^\/api\/v1\/posts\/([^/]+)$/, params: ["postId"], handlers: post as unknown as RouteModule },
  { pattern: /^\/api\/v1\/posts\/([^/]+)\/comments$/, params: ["postId"], handlers: postComments as unknown as RouteModule },
  { pattern: /^\/api\/v1\/posts\/([^/]+)\/vote$/, params: ["postId"], handlers: postVote as unknown as RouteModule },
];

export type ApiResponse = { status: number; body: Record<string, unknown> & { error?: { code: string; message: string; details: unknown; request_id: string } }; headers: Headers };

export async function api(
  method: Method,
  path: string,
  opts: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string>; ip?: string } = {},
): Promise<ApiResponse> {
  const url = new URL(path, "http://localhost:3000");
  const headers: Record<string, string> = { ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}), "x-forwarded-for": opts.ip ?? "203.0.113.10", ...opts.headers };
  const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  const req = new Request(url, { method, headers, body: hasBody ? (opts.rawBody ?? JSON.stringify(opts.body)) : undefined });
  // Next matches the raw (still percent-encoded) path and decodes the segments it hands over.
  const route = ROUTES.find((r) => r.pattern.test(url.pathname));
  const match = route ? route.pattern.exec(url.pathname)! : null;
  const params = Object.fromEntries((route?.params ?? []).map((name, i) => [name, safeDecode(match![i + 1]!)]));
  const response = route
    ? await route.handlers[method](req, { params: Promise.resolve(params) })
    : await (rest as unknown as RouteModule)[method](req, { params: Promise.resolve({ rest: url.pathname.split("/").slice(3) }) });
  const text = await response.text();
  let body: ApiResponse["body"];
  try {
    body = JSON.parse(text) as ApiResponse["body"];
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, headers: response.headers };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
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
