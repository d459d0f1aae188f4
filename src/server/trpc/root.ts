import "server-only";
import { observabilityRouter } from "@/features/observability/server/router";
import { createCallerFactory, router } from "./init";

export const appRouter = router({
  observability: observabilityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
