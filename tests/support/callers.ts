import { createTrpcContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";

/** A server-side caller exactly as a request with these headers would get (cookies included). */
export async function callerWithHeaders(headers: Record<string, string> = {}, requestId = "req-test") {
  return createCaller(await createTrpcContext({ headers: new Headers(headers), requestId, resHeaders: new Headers() }));
}
