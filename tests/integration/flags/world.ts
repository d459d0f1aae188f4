import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { flagStore } from "@/server/flags/store";
import { evaluationCounter } from "@/server/flags/evaluation-counter";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { callerFor, newUser } from "../workspaces/world";

/** Staff of each role, in admin mode (flag writes need it, like every console write), and a plain user. */
export async function staffWorld() {
  const [admin, support, product, plain] = [await newUser({ staffRole: "admin" }), await newUser({ staffRole: "support" }), await newUser({ staffRole: "product" }), await newUser()];
  const as = { admin: await callerFor(admin), support: await callerFor(support), product: await callerFor(product), plain: await callerFor(plain) };
  for (const staff of [as.admin, as.support, as.product]) await staff.admin.enterAdminMode({ password: FACTORY_PASSWORD });
  return { admin, support, product, plain, as };
}

/** Resolves once this process's flag cache satisfies `check` (NOTIFY → reload), failing after 5 s. */
export async function untilStore(check: () => boolean) {
  await flagStore().ready();
  await expect.poll(check, { timeout: 5_000, interval: 5 }).toBe(true);
}

export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

export const fieldErrorsOf = (error: TRPCError) => {
  const cause = error.cause as { fieldErrors?: Record<string, string[]>; issues?: Array<{ path: PropertyKey[]; message: string }> } | undefined;
  if (cause?.fieldErrors) return cause.fieldErrors;
  return Object.fromEntries((cause?.issues ?? []).map((i) => [i.path.join("."), [i.message]]));
};

export async function stopFlags() {
  evaluationCounter().stop();
  await flagStore().stop();
}
