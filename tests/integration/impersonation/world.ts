import { createRandom } from "@/lib/random";
import { grantAdminMode } from "@/server/auth/admin-mode";
import { hashToken } from "@/server/auth/tokens";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createFeedbackPost, createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { readJson, trpcMutation, trpcQuery, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";

let seed = 70_000;
const random = () => createRandom(++seed);

/** A support agent, and a user who owns a workspace with a public board and a post. */
export async function makeWorld() {
  const staff = await createUser(db, random(), { staffRole: "support" });
  const user = await createUser(db, random());
  const workspace = await createWorkspaceWithMembers(db, random(), { owner: user, name: "Acme Labs" });
  const board = await createFeedbackBoard(db, random(), { workspaceId: workspace.id, visibility: "public" });
  const post = await createFeedbackPost(db, random(), { board, authorId: null });
  return { staff, user, workspace, board, post };
}

const cookiePairs = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]!);

/** The session id behind a `signedInHeaders` cookie (ids are the token's hash). */
export const sessionIdOf = (headers: Record<string, string>) => hashToken(headers.cookie!.split(";")[0]!.split("=")[1]!);

/**
 * Starts an impersonation over HTTP, as the admin console does (in admin mode unless told
 * otherwise); returns the browser's cookies afterwards.
 */
export async function startOverHttp(staffId: string, userId: string, reason = "Ticket 42: their board looks empty", opts: { adminMode?: boolean } = {}) {
  const staffHeaders = await signedInHeaders(staffId, { twoFactorVerified: true });
  if (opts.adminMode !== false) await grantAdminMode(db, sessionIdOf(staffHeaders));
  const res = await trpcMutation("impersonation.start", { userId, reason }, staffHeaders);
  const body = await readJson<{ result?: { data: { redirectTo: string; expiresAt: Date } } } & Partial<TrpcErrorBody>>(res);
  const cookie = [staffHeaders.cookie, ...cookiePairs(res.headers.getSetCookie())].join("; ");
  return { res, body, staffHeaders, headers: { cookie } };
}

export async function call(path: string, input: unknown, headers: Record<string, string>, kind: "query" | "mutation") {
  const res = kind === "query" ? await trpcQuery(path, input, headers) : await trpcMutation(path, input, headers);
  return { status: res.status, res, body: await readJson<{ result?: { data: unknown } } & Partial<TrpcErrorBody>>(res) };
}
