/**
 * The seeded characters' billing (src/features/billing/server/seed-billing.ts), through the
 * gateway STRIPE_DEV_URL points at; DATABASE_URL already seeded. Run by `scripts/serve.ts` and
 * `scripts/db.ts seed|reset` as `node --conditions=react-server --import tsx scripts/seed-billing.ts`
 * (the billing code is server-only). Prints one line per workspace.
 */
import { seedBillingCharacters } from "../src/features/billing/server/seed-billing";
import { db, sql } from "../src/server/db/client";

try {
  for (const line of await seedBillingCharacters(db)) console.log(line);
} finally {
  await sql.end({ timeout: 5 });
}
