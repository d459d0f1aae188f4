/**
 * Support values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

export const TICKET_STATUSES = ["open", "waiting", "solved"] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = { open: "Open", waiting: "Waiting on customer", solved: "Solved" };

/** Realtime events: the staff inbox refetches on the first, the customer's requests page on the second. */
export const SUPPORT_EVENTS = { ticketChanged: "support.ticket-changed", replied: "support.replied" } as const;
