/**
 * A process that dies between the gateway call and the database write: it runs the real
 * changeSubscription operation, lets the real `subscriptions.update` reach the gateway, then
 * exits before the intent is settled or the result stored (as a crash or a deploy would).
 * Args: the JSON of { input, actor }. Run with `node --conditions=react-server --import tsx`.
 */
import { changeSubscription } from "@/features/billing/server/change-subscription";
import { db } from "@/server/db/client";
import { stripeClient } from "@/server/stripe/client";

const { input, actor } = JSON.parse(process.argv[2]!) as { input: Parameters<typeof changeSubscription>[0]; actor: Parameters<typeof changeSubscription>[1] };
const subscriptions = stripeClient().subscriptions;
const update = subscriptions.update.bind(subscriptions);
subscriptions.update = (async (...args: Parameters<typeof update>) => {
  const result = await update(...args);
  process.stdout.write(`${JSON.stringify({ gatewayAnswered: result.id })}\n`);
  process.exit(137);
}) as typeof subscriptions.update;

await changeSubscription(input, actor, db);
process.stdout.write(`${JSON.stringify({ unexpected: "the operation finished" })}\n`);
