const VALID_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Accepts an upstream id (load balancer, test) when it looks like one; otherwise mints one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && VALID_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/** The caller's own `X-Request-Id`, when it looks like one, to echo back beside ours. */
export function clientRequestIdFrom(headers: Headers): string | null {
  const incoming = headers.get("x-request-id");
  return incoming && VALID_ID.test(incoming) ? incoming : null;
}
