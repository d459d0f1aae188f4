import "server-only";
import { Inngest } from "inngest";
import { inngestMode } from "@/server/env";
import { logger } from "@/server/logging/logger";

/**
 * The app's one Inngest client. Dev vs cloud is decided here, once, from validated env
 * (`inngestMode()` in env.ts) and passed explicitly, so the SDK's own env sniffing can't
 * disagree with the rest of the app. With no Inngest configured the client still exists
 * (the serve route needs it) but nothing sends through it: see `server/outbox/relay.ts`.
 */
const mode = inngestMode();

export const inngest = new Inngest({
  id: "groundwork",
  isDev: mode?.kind === "dev",
  ...(mode?.kind === "dev" && mode.url ? { baseUrl: mode.url } : {}),
  ...(mode?.kind === "cloud" && mode.baseUrl ? { baseUrl: mode.baseUrl } : {}),
  logger: logger.child({ component: "inngest" }),
});
