import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { securityRules, users } from "@/server/db/schema";
import { DISPOSABLE_EMAIL_DOMAINS } from "@/server/security-rules/disposable-domains";

/** A few hundred rows at most: the page shows them all, grouped by kind. */
export async function listSecurityRules(db: DbOrTx) {
  const rules = await db
    .select({
      id: securityRules.id,
      kind: securityRules.kind,
      value: securityRules.value,
      action: securityRules.action,
      note: securityRules.note,
      createdByEmail: users.email,
      createdAt: securityRules.createdAt,
    })
    .from(securityRules)
    .leftJoin(users, eq(users.id, securityRules.createdBy))
    .orderBy(asc(securityRules.kind), asc(securityRules.value));
  return { rules, disposableDomains: [...DISPOSABLE_EMAIL_DOMAINS] };
}
