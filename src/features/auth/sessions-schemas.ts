import { z } from "zod";

/** The first 16 hex digits of the stored id (itself a SHA-256 of the cookie): opaque, and never the cookie. */
export const sessionPublicId = z.string({ error: "Choose a session" }).regex(/^[0-9a-f]{16}$/, "That session doesn't exist");

export const sessionSummary = z.object({
  id: sessionPublicId,
  /** e.g. "Chrome 156 on Linux". */
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummary>;

export const listSessionsOutput = z.array(sessionSummary);

export const revokeSessionInput = z.object({ id: sessionPublicId });
export const revokeSessionOutput = z.object({ signedOut: z.boolean() });
export const revokeOtherSessionsOutput = z.object({ count: z.number().int().min(0) });
