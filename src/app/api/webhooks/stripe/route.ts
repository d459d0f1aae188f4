import { ingestStripeWebhook } from "@/features/billing/server/ingest-stripe-webhook";
import { processStripeEventLater } from "@/features/billing/server/jobs";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { readBodyCapped } from "@/server/http/read-body";
import { withRequest } from "@/server/http/with-request";

export const dynamic = "force-dynamic";

/** Stripe's events are far below this; anything larger isn't one. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * Raw body → signature check → ledger row (unique on the event id) → background processing → 2xx.
 * A redelivery answers 200 again without doing anything; a bad or stale signature is 400 with
 * nothing stored.
 */
export const POST = withRequest(async (req) => {
  const body = await readBodyCapped(req, MAX_BODY_BYTES);
  if (!body) return Response.json({ error: "payload too large" }, { status: 413 });
  try {
    const result = await ingestStripeWebhook({ rawBody: Buffer.from(body), signature: req.headers.get("stripe-signature") }, db);
    if (!result.duplicate) await processStripeEventLater(result.eventId);
    return Response.json({ received: true, duplicate: result.duplicate });
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_REQUEST") return Response.json({ error: error.userMessage }, { status: 400 });
    throw error;
  }
});
