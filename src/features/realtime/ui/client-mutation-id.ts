import type { RealtimeMessage } from "../schemas";

/** How long this tab remembers its own mutations; an echo arrives well within it. */
const REMEMBER_MS = 60_000;
const mine = new Map<string, number>();

/**
 * An id for one optimistic mutation. Send it with the mutation; the server puts it on the
 * event it publishes, and this tab skips that echo (it already shows the change).
 */
export function newClientMutationId(): string {
  const id = crypto.randomUUID();
  const now = Date.now();
  mine.set(id, now);
  for (const [key, at] of mine) {
    if (now - at < REMEMBER_MS) break;
    mine.delete(key);
  }
  return id;
}

export function isOwnEcho(message: Pick<RealtimeMessage, "clientMutationId">): boolean {
  return message.clientMutationId !== null && mine.has(message.clientMutationId);
}
