/**
 * The local Stripe gateway for a billing test file, delivering webhooks to the app's real
 * route handler on a loopback port. Call at the top level of the file.
 */
import { afterAll, beforeAll } from "vitest";
import { POST } from "@/app/api/webhooks/stripe/route";
import type { StripeDevServer } from "../../../tools/stripe-dev";
import { routeServer, startTestStripeDev } from "../../support/stripe-dev";

export function gatewayForFile() {
  const handle = {} as { server: StripeDevServer; webhookUrl: string };
  let route: Awaited<ReturnType<typeof routeServer>>;
  beforeAll(async () => {
    route = await routeServer((req) => POST(req, {}));
    handle.webhookUrl = `${route.url}/api/webhooks/stripe`;
    handle.server = await startTestStripeDev({ webhookUrl: handle.webhookUrl });
  });
  afterAll(async () => {
    await handle.server.stop();
    await route.close();
  });
  return handle;
}
