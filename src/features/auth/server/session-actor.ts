import type { RequestMeta } from "@/server/audit";

/** A signed-in person acting through one of their sessions, plus where the request came from. */
export type SessionActor = { userId: string; sessionId: string } & RequestMeta;
