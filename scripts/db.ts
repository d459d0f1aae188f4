/**
 * Database chores against DATABASE_URL, or the embedded dev cluster when it is unset.
 *   tsx scripts/db.ts migrate   apply committed migrations (safe at every release/start)
 *   tsx scripts/db.ts seed      add the demo data (idempotent), the seeded characters' billing
 *                               through the local Stripe gateway included
 *   tsx scripts/db.ts reset     drop everything (the local gateway's state too), migrate, seed
 */
import nextEnv from "@next/env";
import postgres from "postgres";
import { migrateDatabase } from "../src/server/db/migrate";
import { seedDatabase } from "../src/server/db/seed";
import { connect, openDatabase } from "./lib/database";
import { seedBillingWithLocalGateway } from "./lib/seed-billing";

const command = process.argv[2];
if (!["migrate", "seed", "reset"].includes(command ?? "")) {
  console.error("usage: tsx scripts/db.ts migrate|seed|reset");
  process.exit(2);
}
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
const database = await openDatabase();
try {
  if (command === "reset") {
    const sql = postgres(database.directUrl, { max: 1, onnotice: () => {} });
    await sql.unsafe("drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists stripe_dev cascade; create schema public;");
    await sql.end();
    console.log("Dropped all tables.");
  }
  if (command !== "seed") {
    const { applied } = await migrateDatabase(database.directUrl);
    console.log(`Migrations: ${applied} applied.`);
  }
  if (command !== "migrate") {
    const { db, close } = connect(database.url);
    const report = await seedDatabase(db).finally(close);
    console.log(`Seed: ${JSON.stringify(report.inserted)} inserted.`);
    for (const line of await seedBillingWithLocalGateway(database.url)) console.log(`Billing: ${line}`);
  }
} finally {
  await database.stop();
}
