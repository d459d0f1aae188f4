/**
 * The API benches' data: a Pro workspace (the free quota would end a run in seconds), a board
 * with 50 posts, and keys with read scopes and a limit no run reaches. Call after the process
 * env points at the bench's database (the app modules read it when first imported).
 */
/** The API_KEY_PEPPER every API bench gives its servers and its own process (keys are HMACs with it). */
export const BENCH_API_PEPPER = "bench-api-key-pepper-bench-api-key-pepper-0000";

export async function arrangeApiBench() {
  const { db, sql } = await import("../../src/server/db/client");
  const { createUser, createWorkspaceWithMembers, createFeedbackBoard, createFeedbackPost } = await import("../../src/server/db/factories");
  const { createRandom } = await import("../../src/lib/random");
  const { workspaces } = await import("../../src/server/db/schema");
  const { eq } = await import("drizzle-orm");
  const { createApiKey } = await import("../../src/features/api-keys/server/create-api-key");

  const random = createRandom(6);
  const owner = await createUser(db, random);
  const workspace = await createWorkspaceWithMembers(db, random, { owner, name: "Bench Co" });
  await db.update(workspaces).set({ plan: "pro" }).where(eq(workspaces.id, workspace.id));
  const board = await createFeedbackBoard(db, random, { workspaceId: workspace.id, name: "Bench board" });
  for (let i = 0; i < 50; i++) await createFeedbackPost(db, random, { board, authorId: owner.id });
  const actor = { userId: owner.id, displayName: owner.displayName, impersonatorId: null, ip: null, workspace: { ...workspace, role: "owner" as const } };
  const issue = async (name: string) =>
    (await createApiKey({ name, environment: "live", scopes: ["boards:read", "posts:read", "usage:read"], rateLimitPerMinute: 100_000, expiresAt: null }, actor, db)).secret;
  const routes = { "GET /v1/me": "/api/v1/me", "GET /v1/boards/{id}/posts": `/api/v1/boards/${board.id}/posts?limit=20` };
  return { db, sql, board, owner, workspace, issue, routes };
}
