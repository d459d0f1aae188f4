import { isUuid } from "@/lib/uuid";

/**
 * The live channels. Names are the wire format for both transports: SSE subscribers ask for
 * them by name, and Pusher channels carry the same name with Pusher's `private-` prefix for
 * the ones that need authorization (all of these do).
 */
export type Channel =
  | { kind: "user"; userId: string; name: `user:${string}` }
  | { kind: "workspace"; workspaceId: string; name: `workspace:${string}` }
  | { kind: "staff"; name: "staff" }
  | { kind: "flags"; name: "flags" }
  | { kind: "board"; boardId: string; name: `board:${string}` };

export function parseChannel(name: string): Channel | null {
  if (name === "staff") return { kind: "staff", name: "staff" };
  if (name === "flags") return { kind: "flags", name: "flags" };
  const [kind, id, ...rest] = name.split(":");
  if (rest.length > 0 || !id || !isUuid(id)) return null;
  if (kind === "user") return { kind: "user", userId: id, name: `user:${id}` };
  if (kind === "workspace") return { kind: "workspace", workspaceId: id, name: `workspace:${id}` };
  if (kind === "board") return { kind: "board", boardId: id, name: `board:${id}` };
  return null;
}

export const userChannel = (userId: string) => `user:${userId}` as const;
export const workspaceChannel = (workspaceId: string) => `workspace:${workspaceId}` as const;
export const STAFF_CHANNEL = "staff" as const;
/**
 * Feature-flag changes, for every open tab (signed out included): events name the flag that
 * changed and nothing else; each client asks the server for its own values again.
 */
export const FLAGS_CHANNEL = "flags" as const;
/** A feedback board's live events: public boards' channels admit anyone, signed out included. */
export const boardChannel = (boardId: string) => `board:${boardId}` as const;

/**
 * Published on a channel whose audience just shrank (a board went private): each transport
 * makes its subscribers re-authorize at once instead of at their next reconnect.
 */
export const ACCESS_NARROWED_EVENT = "realtime.access-narrowed";

/** Pusher needs the `private-` prefix to ask the app for authorization. */
export const toPusherChannel = (name: string) => `private-${name.replace(/:/g, "-")}`;
export function fromPusherChannel(pusherName: string): string | null {
  if (!pusherName.startsWith("private-")) return null;
  const rest = pusherName.slice("private-".length);
  if (rest === "staff") return "staff";
  if (rest === "flags") return "flags";
  const match = /^(user|workspace|board)-(.+)$/.exec(rest);
  return match ? `${match[1]}:${match[2]}` : null;
}
