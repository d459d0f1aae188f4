import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import { authedProcedure, rateLimit } from "@/server/trpc/tiers";
import { dataExport, getExportInput, listExportsOutput } from "../schemas";
import { getDataExport } from "./get-data-export";
import { buildDataExportLater } from "./jobs";
import { listDataExports } from "./list-data-exports";
import { requestDataExport } from "./request-data-export";

export const EXPORT_REQUEST_LIMIT = { name: "export-request", limit: 3, windowSeconds: 60 * 60 };

export const exportsRouter = router({
  request: authedProcedure
    .use(rateLimit(EXPORT_REQUEST_LIMIT))
    .input(z.void())
    .output(dataExport)
    .mutation(async ({ ctx }) => {
      const queued = await requestDataExport(ctx.viewer, ctx.db);
      await buildDataExportLater(queued.id, ctx.db);
      return queued;
    }),

  list: authedProcedure
    .input(z.void())
    .output(listExportsOutput)
    .query(({ ctx }) => listDataExports(ctx.viewer, ctx.db)),

  get: authedProcedure
    .input(getExportInput)
    .output(dataExport)
    .query(({ input, ctx }) => getDataExport(input, ctx.viewer, ctx.db)),
});
