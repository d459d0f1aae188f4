/**
 * Echo suppression for live events, shared by every feature: a mutation sends an id, the
 * server stamps it on the event it publishes, and the tab that made the change skips it.
 */

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

/** True for an event caused by a mutation this tab made (and already shows optimistically). */
export function isOwnEcho(message: { clientMutationId: string | null }): boolean {
  return message.clientMutationId !== null && mine.has(message.clientMutationId);
}
