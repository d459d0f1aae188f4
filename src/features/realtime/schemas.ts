import { z } from "zod";
export * from "./constants";

/** Which transport the browser uses, decided at runtime from the server's env (not at build). */
export const realtimeConfig = z.discriminatedUnion("transport", [
  z.object({ transport: z.literal("sse") }),
  z.object({
    transport: z.literal("pusher"),
    key: z.string(),
    wsHost: z.string(),
    wsPort: z.number().int(),
    cluster: z.string(),
    forceTLS: z.boolean(),
    /** Signed in: the client signs its connection in (user authentication), so signing out or removal can end it. */
    signIn: z.boolean(),
  }),
]);
export type RealtimeConfig = z.infer<typeof realtimeConfig>;

export const workspaceChannelOutput = z.object({ channel: z.string() });

/** One event as every client transport hands it to `useRealtime` handlers. */
export type RealtimeMessage = {
  /** The stored event's id (a bigint as a string); ids increase in publish order. */
  id: string;
  type: string;
  channel: string;
  data: unknown;
  clientMutationId: string | null;
};
