import "server-only";
import { workspaceActorFrom } from "@/features/workspaces/server/actor";
import { router } from "@/server/trpc/init";
import { workspaceProcedure } from "@/server/trpc/tiers";
import { workspaceHomeOutput } from "../schemas";
import { getWorkspaceHome } from "./get-workspace-home";

export const homeRouter = router({
  workspace: workspaceProcedure("member").output(workspaceHomeOutput).query(({ ctx }) => getWorkspaceHome(undefined, workspaceActorFrom(ctx), ctx.db)),
});
