import { z } from "zod";

/**
 * The live channels. Names are the wire format for both transports: SSE subscribers ask for
 * them by name, and Pusher channels carry the same name with Pusher's `private-` prefix for
 * the ones that need authorization (all of these do).
 */
export type Channel =
  | { kind: "user"; userId: string; name: `user:${string}` }
  | { kind: "workspace"; workspaceId: string; name: `workspace:${string}` }
  | { kind: "staff"; name: "staff" };

const uuid = z.uuid();

export function parseChannel(name: string): Channel | null {
  if (name === "staff") return { kind: "staff", name: "staff" };
  const [kind, id, ...rest] = name.split(":");
  if (rest.length > 0 || !id || !uuid.safeParse(id).success) return null;
  if (kind === "user") return { kind: "user", userId: id, name: `user:${id}` };
  if (kind === "workspace") return { kind: "workspace", workspaceId: id, name: `workspace:${id}` };
  return null;
}

export const userChannel = (userId: string) => `user:${userId}` as const;
export const workspaceChannel = (workspaceId: string) => `workspace:${workspaceId}` as const;
export const STAFF_CHANNEL = "staff" as const;

/** Pusher needs the `private-` prefix to ask the app for authorization. */
export const toPusherChannel = (name: string) => `private-${name.replace(/:/g, "-")}`;
export function fromPusherChannel(pusherName: string): string | null {
  if (!pusherName.startsWith("private-")) return null;
  const rest = pusherName.slice("private-".length);
  if (rest === "staff") return "staff";
  const match = /^(user|workspace)-(.+)$/.exec(rest);
  return match ? `${match[1]}:${match[2]}` : null;
}
