import "server-only";
import { z } from "zod";
import { workspaceChannel } from "@/server/realtime/channels";
import { router } from "@/server/trpc/init";
import { publicProcedure, workspaceProcedure } from "@/server/trpc/tiers";
import { realtimeConfig, workspaceChannelOutput } from "../schemas";
import { getRealtimeConfig } from "./get-realtime-config";

export const realtimeRouter = router({
  // Public: signed-out visitors of a public feedback board get live updates too.
  config: publicProcedure
    .input(z.void())
    .output(realtimeConfig)
    .query(({ ctx }) => getRealtimeConfig(ctx.viewer)),

  /** The live channel of a workspace the viewer belongs to (clients know slugs, channels use ids). */
  workspaceChannel: workspaceProcedure("member")
    .output(workspaceChannelOutput)
    .query(({ ctx }) => ({ channel: workspaceChannel(ctx.workspace.id) })),
});
