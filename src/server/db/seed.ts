/** Demo data for a fresh install; idempotent (fixed seed → fixed ids → ON CONFLICT DO NOTHING). */
import { createRandom } from "@/lib/random";
import type { DbOrTx } from "./client";
import { buildFeedbackPost, buildPing, buildUser, FACTORY_PASSWORD, seededId } from "./factories";
import { seedExtraCharacters, SEEDED_CHARACTERS } from "./seed-characters";
import { diagnosticPings, feedbackBoards, feedbackPosts, feedbackTags, memberships, users, workspaces } from "./schema";

export const SEED = 20_261_124;

const DEMO_AT = new Date(Date.UTC(2026, 0, 1, 9));

const DEMO_ACCOUNTS = SEEDED_CHARACTERS.slice(0, 2);

/** Printed by `npm run dev`; the seeder creates exactly these accounts (the seeded characters). */
export const DEMO_LOGINS: Array<{ email: string; password: string; role: string }> = SEEDED_CHARACTERS.map((a) => ({
  email: a.email,
  password: FACTORY_PASSWORD,
  role: a.description,
}));

/** The operator's own workspace, whose public board is Groundwork's feedback board (the app's "Feedback" menu item). */
export const OPERATOR_WORKSPACE = { slug: "groundwork", name: "Groundwork" } as const;
export const OPERATOR_BOARD = { slug: "feedback", name: "Groundwork feedback" } as const;

const OPERATOR_POSTS = [
  { title: "Dark mode for the whole app", body: "Most of us work late. A **dark theme** that follows the OS setting would be great.", status: "planned" },
  { title: "Export feedback as CSV", body: "We review feedback in spreadsheets every sprint.", status: "under_review" },
  { title: "Slack notifications for new posts", body: "Post to a channel when a new idea comes in.", status: "open" },
  { title: "Webhooks when a post changes status", body: "So our changelog site can update itself.", status: "in_progress" },
] as const;

export type SeedReport = { inserted: Record<string, number> };

export async function seedDatabase(db: DbOrTx): Promise<SeedReport> {
  const random = createRandom(SEED);
  // Pings first: their ids come from the start of the seeded sequence and must not move.
  const pings = Array.from({ length: 5 }, () => buildPing(random));
  const insertedPings = await db.insert(diagnosticPings).values(pings).onConflictDoNothing().returning({ id: diagnosticPings.id });

  const accounts = await Promise.all(
    DEMO_ACCOUNTS.map((a, i) =>
      buildUser(random, { email: a.email, displayName: a.displayName, staffRole: a.staffRole, createdAt: new Date(DEMO_AT.getTime() + i * 60_000) }),
    ),
  );
  const workspace = { id: seededId(random, DEMO_AT), name: "Demo workspace", slug: "demo-workspace", personal: true, createdAt: DEMO_AT, updatedAt: DEMO_AT };

  // One transaction: the workspace must have its owner by commit (a deferred constraint).
  return db.transaction(async (tx) => {
    const insertedUsers = await tx.insert(users).values(accounts).onConflictDoNothing().returning({ id: users.id });
    const insertedWorkspaces = await tx.insert(workspaces).values(workspace).onConflictDoNothing().returning({ id: workspaces.id });
    const insertedMemberships = await tx
      .insert(memberships)
      .values({ workspaceId: workspace.id, userId: accounts[0]!.id, role: "owner", createdAt: DEMO_AT, updatedAt: DEMO_AT })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    const operator = await seedOperatorBoard(tx, accounts[0]!.id, accounts[1]!.id);
    const characters = await seedExtraCharacters(tx, undefined, operator.workspaceId);
    return {
      inserted: {
        diagnosticPings: insertedPings.length,
        users: insertedUsers.length + characters.users,
        workspaces: insertedWorkspaces.length + operator.workspaces + characters.workspaces,
        memberships: insertedMemberships.length + operator.memberships + characters.memberships,
        feedbackBoards: operator.boards,
        feedbackPosts: operator.posts,
      },
    };
  });
}

/** Its own seeded sequence, so adding it moved none of the ids above. */
async function seedOperatorBoard(tx: DbOrTx, ownerId: string, supportId: string) {
  const random = createRandom(SEED + 5);
  const at = new Date(DEMO_AT.getTime() + 3_600_000);
  const workspace = { id: seededId(random, at), ...OPERATOR_WORKSPACE, personal: false, createdAt: at, updatedAt: at };
  const board = { id: seededId(random, at), workspaceId: workspace.id, ...OPERATOR_BOARD, description: "Tell us what would make Groundwork better. Vote for what matters to you.", visibility: "public" as const, createdAt: at, updatedAt: at };
  const tags = ["API", "Billing", "Realtime", "UI"].map((name) => ({ id: seededId(random, at), workspaceId: workspace.id, boardId: board.id, slug: name.toLowerCase(), name, createdAt: at }));
  const posts = OPERATOR_POSTS.map((p, i) => buildFeedbackPost(random, { board, authorId: ownerId, title: p.title, body: p.body, status: p.status, tags: [tags[i % tags.length]!.slug], createdAt: new Date(at.getTime() + (i + 1) * 60_000) }));

  const w = await tx.insert(workspaces).values(workspace).onConflictDoNothing().returning({ id: workspaces.id });
  const m = await tx
    .insert(memberships)
    .values([
      { workspaceId: workspace.id, userId: ownerId, role: "owner" as const, createdAt: at, updatedAt: at },
      { workspaceId: workspace.id, userId: supportId, role: "admin" as const, createdAt: at, updatedAt: at },
    ])
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  const b = await tx.insert(feedbackBoards).values(board).onConflictDoNothing().returning({ id: feedbackBoards.id });
  await tx.insert(feedbackTags).values(tags).onConflictDoNothing();
  const p = await tx.insert(feedbackPosts).values(posts).onConflictDoNothing().returning({ id: feedbackPosts.id });
  return { workspaceId: workspace.id, workspaces: w.length, memberships: m.length, boards: b.length, posts: p.length };
}
