import "server-only";
import { AppError } from "@/server/errors";

const NEEDS_AN_OWNER = "A workspace needs at least one owner. Make someone else owner first.";

/** The deferred `workspace_has_owner` trigger fails the commit with SQLSTATE 23514. */
function isOwnerInvariantViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { code?: unknown; constraint_name?: unknown };
    if (pg.code === "23514" && pg.constraint_name === "workspace_has_owner") return true;
  }
  return false;
}

/**
 * Runs a membership change whose transaction the database may refuse at commit because it
 * would leave the workspace without an owner; that refusal becomes a CONFLICT the person can act on.
 */
export async function keepingAnOwner<T>(work: () => Promise<T>, userMessage = NEEDS_AN_OWNER): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isOwnerInvariantViolation(error)) throw new AppError("CONFLICT", { userMessage, cause: error });
    throw error;
  }
}
