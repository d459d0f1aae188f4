const VALID_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** What reading a request's headers needs: a `Headers`, or the public API's plain request view. */
export type HeaderReader = { get(name: string): string | null };

/** Accepts an upstream id (load balancer, test) when it looks like one; otherwise mints one. */
export function requestIdFrom(headers: HeaderReader): string {
  const incoming = headers.get("x-request-id");
  return incoming && VALID_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** The caller's own `X-Request-Id`, when it looks like one, to echo back beside ours. */
export function clientRequestIdFrom(headers: HeaderReader): string | null {
  const incoming = headers.get("x-request-id");
  return incoming && VALID_ID.test(incoming) ? incoming : null;
}
