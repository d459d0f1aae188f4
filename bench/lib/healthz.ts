/**
 * Resolves once `${origin}${path}` answers 2xx (default `/healthz`: `start:api`, `start:realtime`,
 * the bare baseline; `/api/health` for the Next app). Each probe gives up after 5 s; the wait
 * throws after `timeoutMs`, or at once if the process it waits on has exited.
 */
export async function waitUntilHealthy(origin: string, what: string, opts: { path?: string; timeoutMs?: number; exited?: () => boolean } = {}): Promise<void> {
  const path = opts.path ?? "/healthz";
  const timeoutMs = opts.timeoutMs ?? 60_000;
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 200))) {
    const ok = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(5_000) }).then(
      async (r) => (await r.arrayBuffer(), r.ok),
      () => false,
    );
    if (ok) return;
    if (opts.exited?.()) throw new Error(`${what} exited before answering ${path}`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${path} within ${timeoutMs / 1000} s`);
  }
}
