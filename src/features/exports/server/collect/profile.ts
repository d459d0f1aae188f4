import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { users } from "@/server/db/schema";

/** The account row minus its secrets: no password hash, no TOTP key (only whether 2FA is on). */
export async function collectProfile(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      displayName: users.displayName,
      staffRole: users.staffRole,
      twoFactorEnabled: sql<boolean>`${users.totpKeyEncrypted} is not null`,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new Error(`export: user ${userId} no longer exists`);
  return row;
}
