import { desc, eq } from "drizzle-orm";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser } from "@/server/db/factories";
import { devMailbox } from "@/server/db/schema";
import { readJson, trpcMutation, trpcQuery, type TrpcErrorBody } from "../../support/http";

export const STRONG_PASSWORD = "lantern orchard velvet 42";

let ipCounter = 0;
/** A fresh client address per call, so per-IP limits only bite in the tests about them. */
export const freshIp = () => `198.51.100.${(++ipCounter % 250) + 1}`;
export const browser = (ip = freshIp()) => ({ "x-forwarded-for": ip, "user-agent": "Mozilla/5.0 (vitest)" });

export type Ok<T> = { result: { data: T } };

export async function call<T>(path: string, input: unknown, headers: Record<string, string> = browser()) {
  const res = await trpcMutation(path, input, headers);
  return { res, body: await readJson<Ok<T> & TrpcErrorBody>(res) };
}

export async function query<T>(path: string, input: unknown, headers: Record<string, string> = browser()) {
  const res = await trpcQuery(path, input, headers);
  return { res, body: await readJson<Ok<T> & TrpcErrorBody>(res) };
}

/** The `cookie` request header a browser would send after this response. */
export function cookieFrom(res: Response): Record<string, string> {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("gw_session="));
  if (!set) throw new Error("no session cookie was set");
  return { cookie: set.split(";")[0]! };
}

export async function mailTo(to: string) {
  return db.select().from(devMailbox).where(eq(devMailbox.to, to)).orderBy(desc(devMailbox.id));
}

/** The token of the newest link to `path` in mail sent to `to`. */
export async function tokenFromMail(to: string, path: string): Promise<string> {
  for (const mail of await mailTo(to)) {
    const match = mail.text.match(new RegExp(`${path.replace("/", "\\/")}\\?token=([a-z2-7]+)`));
    if (match) return match[1]!;
  }
  throw new Error(`no ${path} link in mail to ${to}`);
}

export async function signUp(email: string, headers = browser(), displayName = "Test Person") {
  const out = await call<{ kind: string; redirectTo: string }>("auth.signUp", { email, displayName, password: STRONG_PASSWORD }, headers);
  if (out.res.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(out.body)}`);
  return { ...out, cookie: cookieFrom(out.res) };
}

let seed = 1_000;
/** A factory user with a seed of its own (same seed → same id, so each call moves on). */
export const newUser = (overrides: Parameters<typeof createUser>[2] = {}) => createUser(db, createRandom(++seed), overrides);
