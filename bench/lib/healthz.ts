/**
 * Resolves once `${origin}/healthz` answers 2xx (`start:api`, the bare baseline). Throws after
 * `timeoutMs`, or at once if the process it waits on has exited.
 */
export async function waitForHealthz(origin: string, what: string, opts: { timeoutMs?: number; exited?: () => boolean } = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 200))) {
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return;
    if (opts.exited?.()) throw new Error(`${what} exited before answering /healthz`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer /healthz within ${timeoutMs / 1000} s`);
  }
}
