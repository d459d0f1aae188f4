import "server-only";
import { AppError } from "@/server/errors";

/**
 * Support may act on customers; another staff member's account only an admin may change, and
 * nobody changes their own account from the console (they have the account pages for that).
 */
export function assertMayActOn(actor: { userId: string; staffRole: string }, target: { id: string; staffRole: string | null }): void {
  if (actor.userId === target.id) throw new AppError("FORBIDDEN", { userMessage: "You can't do this to your own account from the console; use your account pages." });
  if (target.staffRole && actor.staffRole !== "admin") throw new AppError("FORBIDDEN", { userMessage: "Only a staff admin can change another staff member's account." });
}
