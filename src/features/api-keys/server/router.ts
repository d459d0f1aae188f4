import "server-only";
import { router } from "@/server/trpc/init";
import type { TrpcContext, Viewer } from "@/server/trpc/context";
import { rateLimit, workspaceProcedure } from "@/server/trpc/tiers";
import type { WorkspaceActor } from "@/features/workspaces/server/actor";
import {
  apiKeyDto,
  createApiKeyInput,
  issuedApiKeyOutput,
  keyIdInput,
  listApiKeysInput,
  listApiKeysOutput,
  memberKeysInput,
  memberKeysOutput,
  requestLogInput,
  requestLogOutput,
  revokeApiKeyOutput,
  rollApiKeyInput,
  transferApiKeysInput,
  transferApiKeysOutput,
  updateApiKeyInput,
  usageInput,
  usageOutput,
} from "../schemas";
import { countMemberApiKeys } from "./count-member-api-keys";
import { createApiKey } from "./create-api-key";
import { getApiUsage } from "./get-api-usage";
import { listApiKeys } from "./list-api-keys";
import { listApiRequests } from "./list-api-requests";
import { revokeApiKey } from "./revoke-api-key";
import { rollApiKey } from "./roll-api-key";
import { transferApiKeys } from "./transfer-api-keys";
import { updateApiKey } from "./update-api-key";

type Ctx = TrpcContext & { viewer: Viewer; workspace: WorkspaceActor["workspace"] };
const asMember = (ctx: Ctx): WorkspaceActor => ({
  userId: ctx.viewer.userId,
  displayName: ctx.viewer.displayName,
  impersonatorId: ctx.viewer.impersonatorId,
  ip: ctx.ip,
  workspace: ctx.workspace,
});

const admin = workspaceProcedure("admin");
// Issuing secrets and changing keys: generous for people, tight for a script gone wrong.
const keyChanges = rateLimit({ name: "api-key-change", limit: 60, windowSeconds: 3600 });

export const apiKeysRouter = router({
  list: admin
    .input(listApiKeysInput)
    .output(listApiKeysOutput)
    .query(({ input, ctx }) => listApiKeys(input, asMember(ctx), ctx.db)),

  create: admin.use(keyChanges)
    .input(createApiKeyInput)
    .output(issuedApiKeyOutput)
    .mutation(({ input, ctx }) => createApiKey(input, asMember(ctx), ctx.db)),

  update: admin.use(keyChanges)
    .input(updateApiKeyInput)
    .output(apiKeyDto)
    .mutation(({ input, ctx }) => updateApiKey(input, asMember(ctx), ctx.db)),

  revoke: admin.use(keyChanges)
    .input(keyIdInput)
    .output(revokeApiKeyOutput)
    .mutation(({ input, ctx }) => revokeApiKey(input, asMember(ctx), ctx.db)),

  roll: admin.use(keyChanges)
    .input(rollApiKeyInput)
    .output(issuedApiKeyOutput)
    .mutation(({ input, ctx }) => rollApiKey(input, asMember(ctx), ctx.db)),

  transfer: admin.use(keyChanges)
    .input(transferApiKeysInput)
    .output(transferApiKeysOutput)
    .mutation(({ input, ctx }) => transferApiKeys(input, asMember(ctx), ctx.db)),

  countForMember: admin
    .input(memberKeysInput)
    .output(memberKeysOutput)
    .query(({ input, ctx }) => countMemberApiKeys(input, asMember(ctx), ctx.db)),

  usage: admin
    .input(usageInput)
    .output(usageOutput)
    .query(({ input, ctx }) => getApiUsage(input, asMember(ctx), ctx.db)),

  requestLog: admin
    .input(requestLogInput)
    .output(requestLogOutput)
    .query(({ input, ctx }) => listApiRequests(input, asMember(ctx), ctx.db)),
});
