import { and, eq } from "drizzle-orm";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { auditEvents, invites, memberships } from "@/server/db/schema";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";

let seed = 10_000;
/** A fresh seed per call: each test makes its own, non-colliding data. */
export const nextRandom = () => createRandom(seed++);

export async function newUser(overrides: Parameters<typeof createUser>[2] = {}) {
  return createUser(db, nextRandom(), overrides);
}

export async function callerFor(user: { id: string } | null, extraHeaders: Record<string, string> = {}) {
  return callerWithHeaders({ ...(user ? await signedInHeaders(user.id) : {}), ...extraHeaders });
}

/**
 * One workspace with an owner, an admin and a member, plus an outsider who belongs elsewhere.
 * On Team with room to spare: these tests are about access, not plan limits (tests/integration/billing).
 */
export async function makeWorld(name = "Acme Labs") {
  const [owner, admin, member, outsider] = [await newUser(), await newUser(), await newUser(), await newUser()];
  const workspace = await createWorkspaceWithMembers(db, nextRandom(), {
    owner,
    name,
    plan: "team",
    seats: 50,
    members: [
      { user: admin, role: "admin" },
      { user: member, role: "member" },
    ],
  });
  const elsewhere = await createWorkspaceWithMembers(db, nextRandom(), { owner: outsider, name: "Other Co" });
  return {
    owner,
    admin,
    member,
    outsider,
    workspace,
    elsewhere,
    as: {
      owner: await callerFor(owner),
      admin: await callerFor(admin),
      member: await callerFor(member),
      outsider: await callerFor(outsider),
      anonymous: await callerFor(null),
    },
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;

export async function rolesIn(workspaceId: string) {
  const rows = await db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
}

export async function auditOf(workspaceId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(auditEvents.id);
}

export async function invitesIn(workspaceId: string) {
  return db.select().from(invites).where(eq(invites.workspaceId, workspaceId)).orderBy(invites.id);
}

/** Rejections from a server-side caller carry the tRPC code. */
export const code = (c: string) => ({ code: c });
