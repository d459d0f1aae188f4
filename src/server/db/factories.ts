/**
 * The one place test data and demo data are made. Deterministic: pass the same `Random`
 * (seeded) and get the same rows, ids included, on every machine. Used by the seeder,
 * integration tests and Playwright fixtures.
 */
import type { PlanId } from "@/lib/plans";
import { uuidv7 } from "@/lib/ids";
import { createRandom, type Random } from "@/lib/random";
import { hash } from "@node-rs/argon2";
import type { DbOrTx } from "./client";
import { diagnosticPings, feedbackBoards, feedbackPosts, feedbackTags, memberships, users, workspaces, type PostStatus, type WorkspaceRole } from "./schema";

/** Seeded UUIDv7 at a fixed instant: stable ids for stable fixtures. */
export function seededId(random: Random, at: Date): string {
  return uuidv7(at.getTime(), (bytes) => bytes.forEach((_, i) => (bytes[i] = random.int(0, 255))));
}

const PING_LABELS = ["First boot", "Deploy check", "Smoke test", "Migration verified", "Backup restored", "Failover drill"];

export function buildPing(random: Random, overrides: Partial<typeof diagnosticPings.$inferInsert> = {}) {
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  return {
    id: seededId(random, createdAt),
    label: `${random.pick(PING_LABELS)} #${random.int(1, 999)}`,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  } satisfies typeof diagnosticPings.$inferInsert;
}

export async function createPing(db: DbOrTx, random: Random = createRandom(1), overrides = {}) {
  const [row] = await db.insert(diagnosticPings).values(buildPing(random, overrides)).returning();
  return row!;
}

const FIRST = ["Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Ken", "Radia", "Tim", "Margaret"];
const LAST = ["Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Thompson", "Perlman", "Berners-Lee", "Hamilton"];

/** Every factory-made user has this password (demo logins and tests sign in with it). */
export const FACTORY_PASSWORD = "correct horse battery staple";
// Cheap argon2 parameters: factories make many users; real sign-ups use server/auth/password.
let factoryHash: Promise<string> | null = null;
const factoryPasswordHash = () => (factoryHash ??= hash(FACTORY_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 }));

/** A factory person's name: `buildUser`'s first draws, so a seed tells which name its user gets. */
export function pickName(random: Random) {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  return { first, last, displayName: `${first} ${last}` };
}

export async function buildUser(random: Random, overrides: Partial<typeof users.$inferInsert> = {}) {
  const { first, last, displayName } = pickName(random);
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  return {
    id: seededId(random, createdAt),
    email: `${first}.${last}.${random.int(1000, 9999)}@example.test`.toLowerCase(),
    displayName,
    passwordHash: await factoryPasswordHash(),
    emailVerifiedAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  } satisfies typeof users.$inferInsert;
}

export async function createUser(db: DbOrTx, random: Random, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [row] = await db.insert(users).values(await buildUser(random, overrides)).returning();
  return row!;
}

/** A workspace with `owner` as owner (and any extra members), in one transaction-safe batch. */
export async function createWorkspaceWithMembers(
  db: DbOrTx,
  random: Random,
  opts: { owner: { id: string }; members?: Array<{ user: { id: string }; role: WorkspaceRole }>; name?: string; personal?: boolean; plan?: PlanId; seats?: number | null },
) {
  const name = opts.name ?? `${random.pick(LAST)} ${random.pick(["Labs", "Studio", "Works", "Collective"])}`;
  const createdAt = new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  const id = seededId(random, createdAt);
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${id.slice(-6)}`;
  return db.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ id, name, slug, personal: opts.personal ?? false, plan: opts.plan ?? "free", seats: opts.seats ?? null, createdAt, updatedAt: createdAt }).returning();
    await tx.insert(memberships).values([
      { workspaceId: id, userId: opts.owner.id, role: "owner" as const },
      ...(opts.members ?? []).map((m) => ({ workspaceId: id, userId: m.user.id, role: m.role })),
    ]);
    return workspace!;
  });
}

// ── feedback ─────────────────────────────────────────────────────────────────────────
const BOARD_NAMES = ["Feature requests", "Ideas", "Bugs", "Integrations", "Mobile app"];
const POST_TITLES = [
  "Dark mode for the dashboard",
  "Export reports as CSV",
  "Slack notifications for new comments",
  "Keyboard shortcuts for navigation",
  "Single sign-on with Okta",
  "Bulk edit posts",
  "Webhooks for status changes",
  "Show vote history on my profile",
  "Search inside comments",
  "Two-factor authentication by SMS",
];
/** Same unit as `feedback_posts.trending` (see features/feedback/server/post-queries.ts). */
const TRENDING_HALF_LIFE_SECONDS = 3 * 24 * 60 * 60;

export async function createFeedbackBoard(
  db: DbOrTx,
  random: Random,
  opts: { workspaceId: string; visibility?: "public" | "private"; name?: string; slug?: string; description?: string; tags?: string[] },
) {
  const createdAt = new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  const id = seededId(random, createdAt);
  const name = opts.name ?? random.pick(BOARD_NAMES);
  const slug = opts.slug ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${id.slice(-4)}`;
  const [board] = await db
    .insert(feedbackBoards)
    .values({ id, workspaceId: opts.workspaceId, slug, name, description: opts.description ?? `Tell us what to build next for ${name.toLowerCase()}.`, visibility: opts.visibility ?? "public", createdAt, updatedAt: createdAt })
    .returning();
  if (opts.tags?.length) {
    await db.insert(feedbackTags).values(opts.tags.map((tag) => ({ id: seededId(random, createdAt), workspaceId: opts.workspaceId, boardId: id, slug: tag.toLowerCase().replace(/[^a-z0-9]+/g, "-"), name: tag })));
  }
  return board!;
}

export function buildFeedbackPost(
  random: Random,
  opts: { board: { id: string; workspaceId: string }; authorId: string | null; title?: string; body?: string; status?: PostStatus; tags?: string[]; createdAt?: Date; moderation?: "visible" | "held" },
) {
  const createdAt = opts.createdAt ?? new Date(Date.UTC(2026, 0, 1) + random.int(0, 86_400_000 * 30));
  return {
    id: seededId(random, createdAt),
    workspaceId: opts.board.workspaceId,
    boardId: opts.board.id,
    authorId: opts.authorId,
    title: opts.title ?? `${random.pick(POST_TITLES)} (${random.int(100, 999)})`,
    body: opts.body ?? "It would save our team a lot of time.",
    status: opts.status ?? "open",
    tags: opts.tags ?? [],
    moderation: opts.moderation ?? "visible",
    trending: createdAt.getTime() / 1000 / TRENDING_HALF_LIFE_SECONDS,
    createdAt,
    updatedAt: createdAt,
  } satisfies typeof feedbackPosts.$inferInsert;
}

export async function createFeedbackPost(db: DbOrTx, random: Random, opts: Parameters<typeof buildFeedbackPost>[1]) {
  const [row] = await db.insert(feedbackPosts).values(buildFeedbackPost(random, opts)).returning();
  return row!;
}
