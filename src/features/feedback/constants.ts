/**
 * Feedback values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

import { lengthError, type LengthRule } from "@/lib/text-length";

export const POST_STATUS_VALUES = ["open", "under_review", "planned", "in_progress", "done", "closed"] as const;

export type PostStatusValue = (typeof POST_STATUS_VALUES)[number];

export const POST_STATUS_LABELS: Record<PostStatusValue, string> = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
  closed: "Closed",
};

/** The roadmap's columns, left to right. */
export const ROADMAP_STATUSES = ["under_review", "planned", "in_progress", "done"] as const satisfies readonly PostStatusValue[];

export const LIMITS = {
  boardName: 80,
  boardDescription: 500,
  titleMin: 3,
  title: 150,
  body: 10_000,
  comment: 5_000,
  tags: 5,
  tagName: 32,
  deleteReason: 300,
  statusNote: 500,
  searchQuery: 200,
} as const;

export const POST_TITLE: LengthRule = {
  min: LIMITS.titleMin,
  max: LIMITS.title,
  tooShort: `Title must be at least ${LIMITS.titleMin} characters`,
  tooLong: `Title must be at most ${LIMITS.title} characters`,
};
export const POST_BODY: LengthRule = { min: 0, max: LIMITS.body, tooShort: "", tooLong: `Description must be at most ${LIMITS.body.toLocaleString("en")} characters` };

/**
 * The new-post form's check, run before the post appears on the board (optimistically): a post
 * the server would refuse for its length never flashes up. The server's schema checks again.
 */
export const postFieldErrors = (title: string, body: string) => ({ title: lengthError(title, POST_TITLE), body: lengthError(body, POST_BODY) });

/** Realtime event types on `board:{id}`. Payloads are ids and counts only. */
export const FEEDBACK_EVENTS = {
  postCreated: "feedback.post.created",
  postUpdated: "feedback.post.updated",
  vote: "feedback.vote",
  commentCreated: "feedback.comment.created",
  status: "feedback.status",
  boardUpdated: "feedback.board.updated",
} as const;

export const EDIT_WINDOW_MINUTES = 30;

export const POST_PAGE_SIZE = 20;

/** "12 posts", "about 1.2M posts": exact counts as they are, estimates rounded and said to be so. */
export function formatTotal(total: { value: number; exact: boolean }, noun: [string, string]): string {
  const word = total.value === 1 ? noun[0] : noun[1];
  if (total.exact) return `${total.value.toLocaleString("en")} ${word}`;
  const short = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(total.value);
  return `about ${short} ${word}`;
}

/** The public board's address; the operator's own is the app's "Feedback" menu item. */
export const boardPath = (workspaceSlug: string, boardSlug: string) => `/b/${workspaceSlug}/${boardSlug}`;

export const OPERATOR_BOARD_PATH = boardPath("groundwork", "feedback");
