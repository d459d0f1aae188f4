import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import { staffActor } from "@/server/trpc/staff-actor";
import { rateLimit, staffProcedure } from "@/server/trpc/tiers";
import * as s from "../schemas";
import { createPreview } from "./create-preview";
import { destroyPreviewLater, extendPreviewLater, runPreviewLater } from "./jobs";
import { extendPreview, requestPreviewDestroy, retryPreview } from "./lifecycle";
import { listPreviews, listRepositoryBranches } from "./list-previews";
import { setPreviewFlag } from "./set-preview-flag";

// Previews run code from any branch on this machine: product and admin staff only.
const product = staffProcedure("product");
const writes = rateLimit({ name: "previews-staff", limit: 30, windowSeconds: 60 });
const ok = z.object({ id: z.uuid() });

export const previewsRouter = router({
  list: product.input(z.void()).output(s.listPreviewsOutput).query(({ ctx }) => listPreviews(ctx.db)),
  branches: product.input(z.void()).output(s.listBranchesOutput).query(() => listRepositoryBranches()),

  create: product
    .use(writes)
    .input(s.createPreviewInput)
    .output(ok)
    .mutation(async ({ input, ctx }) => {
      const row = await createPreview(input, staffActor(ctx), ctx.db);
      await runPreviewLater(row.id);
      return { id: row.id };
    }),
  extend: product
    .use(writes)
    .input(s.extendPreviewInput)
    .output(z.object({ id: z.uuid(), expiresAt: z.date() }))
    .mutation(async ({ input, ctx }) => {
      const result = await extendPreview(input, staffActor(ctx), ctx.db);
      await extendPreviewLater(result.id, result.expiresAt);
      return result;
    }),
  destroy: product
    .use(writes)
    .input(s.previewIdInput)
    .output(ok)
    .mutation(async ({ input, ctx }) => {
      const result = await requestPreviewDestroy(input, staffActor(ctx), ctx.db);
      await destroyPreviewLater(result.id);
      return result;
    }),
  setFlag: product
    .use(writes)
    .input(s.setPreviewFlagInput)
    .output(s.setPreviewFlagOutput)
    .mutation(({ input, ctx }) => setPreviewFlag(input, staffActor(ctx), ctx.db)),
  retry: product
    .use(writes)
    .input(s.previewIdInput)
    .output(ok)
    .mutation(async ({ input, ctx }) => {
      const result = await retryPreview(input, staffActor(ctx), ctx.db);
      await runPreviewLater(result.id, { fromStep: result.fromStep, id: result.attempt });
      return { id: result.id };
    }),
});
