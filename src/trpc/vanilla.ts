import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { recordingFetch } from "@/lib/recent-requests";
import type { AppRouter } from "@/server/trpc/root";

/**
 * Mutations without TanStack Query, the tRPC client or superjson, for pages whose first-load JS
 * has a budget (sign-in, sign-up, email links; decision 041). It speaks tRPC's HTTP protocol to
 * the same endpoint, so the same CSRF check, rate limits, validation and error shape apply: a
 * POST to /api/trpc/<router>.<procedure> whose body is the superjson envelope `{ json: input }`.
 * superjson's `meta` only describes values JSON can't carry (dates, maps, undefined); the types
 * below only offer procedures whose input and output are plain JSON, so there is none to read.
 */
type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
type Json = string | number | boolean | null | undefined | readonly Json[] | { readonly [key: string]: Json };

type PlainMutation<In, Out> = [Out] extends [Json]
  ? [In] extends [void | undefined]
    ? { mutate(input?: undefined): Promise<Out> }
    : [In] extends [Json]
      ? { mutate(input: In): Promise<Out> }
      : never
  : never;
type PlainClient = {
  [R in keyof Inputs & keyof Outputs]: { [P in keyof Inputs[R] & keyof Outputs[R]]: PlainMutation<Inputs[R][P], Outputs[R][P]> };
};

/** What a failed call throws: `data` is the server's error data (`ErrorData`), absent when it never answered. */
export class ProcedureError extends Error {
  readonly data: Record<string, unknown> | undefined;
  constructor(message: string, data?: Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    this.name = "ProcedureError";
    this.data = data;
  }
}

type Envelope = { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string; data?: Record<string, unknown> } } };

async function mutate(path: string, input: unknown): Promise<unknown> {
  let body: Envelope;
  try {
    const response = await recordingFetch(`/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // `{}` when there is no input, as tRPC's client sends it: the server parses every body.
      body: JSON.stringify({ json: input }),
    });
    body = (await response.json()) as Envelope;
  } catch (cause) {
    throw new ProcedureError("The server could not be reached.", undefined, { cause });
  }
  if (body.error) throw new ProcedureError(body.error.json?.message ?? "Unknown error", body.error.json?.data);
  return body.result?.data?.json;
}

/** `trpcClient.auth.signIn.mutate(input)`, as with tRPC's own client. */
export const trpcClient = new Proxy({} as PlainClient, {
  get: (_, router) => new Proxy({}, { get: (__, procedure) => ({ mutate: (input: unknown) => mutate(`${String(router)}.${String(procedure)}`, input) }) }),
});
