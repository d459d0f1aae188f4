/**
 * Drives the real route handlers with real `Request`s: the same code path as a browser
 * request (request context, CSRF check, body limit, tRPC, error formatting) without a server.
 */
import superjson, { type SuperJSONResult } from "superjson";
import { handleTrpcRequest } from "@/server/trpc/handler";

const BASE = "http://localhost:3000";

export async function trpcQuery(path: string, input?: unknown, headers: Record<string, string> = {}) {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  return handleTrpcRequest(new Request(`${BASE}/api/trpc/${path}${qs}`, { headers }), {});
}

export async function trpcMutation(path: string, input: unknown, headers: Record<string, string> = {}) {
  return trpcRaw(path, JSON.stringify(superjson.serialize(input)), headers);
}

export async function trpcRaw(path: string, body: string, headers: Record<string, string> = {}) {
  return handleTrpcRequest(
    new Request(`${BASE}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
    {},
  );
}

export type TrpcErrorBody = {
  error: { message: string; data: { code: string; httpStatus: number; userMessage: string; fieldErrors: Record<string, string[]> | null; requestId: string | null } };
};

/** Decodes a tRPC response body (superjson on the wire) the way the client does. */
export async function readJson<T>(response: Response): Promise<T> {
  const body = (await response.json()) as { error?: SuperJSONResult; result?: { data: SuperJSONResult } };
  if (body.error) return { error: superjson.deserialize(body.error) } as T;
  if (body.result) return { result: { data: superjson.deserialize(body.result.data) } } as T;
  return body as T;
}
