import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { FEEDBACK_EVENTS, type setVoteInput, type setVoteOutput } from "../schemas";
import { loadPost, requireLive, requireSignedIn, type Viewer } from "./access";
import { publishBoardEvent } from "./events";
import { enforceFeedbackLimit } from "./limits";
import { addVote, removeVote, selectVoteCount } from "./vote-queries";

/**
 * Idempotent: the UI sends the state it wants, so a retried or doubled request can't flip a
 * vote twice. The live event is stored inside the vote's transaction, while the post row is
 * locked, so a post's events have ids in commit order; clients keep the count of the highest
 * id they have seen for the post (decision 010).
 */
export async function setVote(input: z.output<typeof setVoteInput>, viewer: Viewer, db: Db, now = new Date()): Promise<z.infer<typeof setVoteOutput>> {
  const actor = requireSignedIn(viewer, "vote");
  const access = await loadPost(db, actor, input);
  requireLive(access, "vote");
  const where = { workspaceId: input.workspaceId, postId: input.postId, userId: actor.userId };
  // The limit's counter commits with the vote: one commit (one WAL flush) per toggle.
  const result = await transactionWithEffects(db, async (tx) => {
    await enforceFeedbackLimit(tx, "vote", actor);
    const changed = input.voted ? await addVote(tx, where, now) : await removeVote(tx, where);
    if (changed === null) return { voteCount: await selectVoteCount(tx, input.postId), eventId: null };
    const event = await publishBoardEvent(tx, access.post.boardId, {
      type: FEEDBACK_EVENTS.vote,
      data: { postId: input.postId, voteCount: changed },
      clientMutationId: input.clientMutationId,
    });
    return { voteCount: changed, eventId: event.id };
  });
  return { postId: input.postId, voted: input.voted, ...result };
}
