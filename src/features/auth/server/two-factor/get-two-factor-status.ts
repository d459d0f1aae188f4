import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TwoFactorStatus } from "../../two-factor-schemas";
import type { SessionActor } from "../session-actor";
import { selectTwoFactorStatus } from "./queries";

export async function getTwoFactorStatus(actor: Pick<SessionActor, "userId">, db: DbOrTx): Promise<TwoFactorStatus> {
  const status = await selectTwoFactorStatus(db, actor.userId);
  if (!status) throw new AppError("NOT_FOUND", { userMessage: "This account no longer exists." });
  return status;
}
