import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text, workspaceSlugField } from "@/lib/text";
import { TICKET_STATUSES } from "./constants";
export * from "./constants";

const body = (label: string) => text(label, { required: `${label} is required` }).trim().min(1, `${label} is required`).max(10_000, `${label} must be at most 10,000 characters`);

export const createTicketInput = z.object({
  /** Ignored when signed in (the account's address is used). */
  email: text("Email").trim().toLowerCase().pipe(z.email("Enter a valid email address")).optional(),
  name: text("Name").trim().max(100, "Name must be at most 100 characters").optional(),
  subject: text("Subject", { required: "Subject is required" }).trim().min(1, "Subject is required").max(150, "Subject must be at most 150 characters"),
  message: body("Message"),
  /** The honeypot: a field people never see or fill. */
  website: z.string().max(500).optional(),
  /** Attached by the app when signed in. */
  workspaceSlug: workspaceSlugField.optional(),
  page: text("Page").max(500, "Page must be at most 500 characters").optional(),
  requestIds: z.array(text("Request id").max(100, "Request ids are at most 100 characters")).max(20, "At most 20 request ids").optional(),
});
export const createTicketOutput = z.object({ received: z.literal(true), signedIn: z.boolean() });

export const ticketContext = z.object({
  page: z.string().nullable(),
  requestIds: z.array(z.string()),
  browser: z.string().nullable(),
  ip: z.string().nullable(),
});
export type TicketContext = z.infer<typeof ticketContext>;

export const messageDto = z.object({
  id: z.string(),
  kind: z.enum(["customer", "reply", "note"]),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.date(),
});

// --- the customer's own requests ------------------------------------------------------------
export const myTicketDto = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  createdAt: z.date(),
  lastMessageAt: z.date(),
  messages: z.array(messageDto),
});
export const myTicketsOutput = z.object({ tickets: z.array(myTicketDto) });
export const followUpInput = z.object({ ticketId: idSchema, message: body("Message") });

// --- staff ----------------------------------------------------------------------------------
export const inboxInput = z.object({
  status: z.enum(TICKET_STATUSES, { error: "Status must be open, waiting or solved" }).default("open"),
  mine: z.boolean().default(false),
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const inboxItemDto = z.object({
  id: z.string(),
  subject: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(TICKET_STATUSES),
  assigneeName: z.string().nullable(),
  lastMessageAt: z.date(),
  createdAt: z.date(),
});
export const inboxOutput = z.object({ items: z.array(inboxItemDto), nextCursor: z.string().nullable(), counts: z.record(z.enum(TICKET_STATUSES), z.number()) });

export const ticketInput = z.object({ ticketId: idSchema });
export const ticketDetailDto = z.object({
  id: z.string(),
  subject: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(TICKET_STATUSES),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The account this is about: the one that filed it, or the one with its address. */
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string(), filedSignedIn: z.boolean() }).nullable(),
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  context: ticketContext,
  createdAt: z.date(),
  messages: z.array(messageDto),
});
export type TicketDetail = z.infer<typeof ticketDetailDto>;

export const replyInput = z.object({
  ticketId: idSchema,
  message: body("Reply"),
  /** After replying: waiting for the customer (default), or solved. */
  status: z.enum(["waiting", "solved"], { error: "Status after replying must be waiting or solved" }).default("waiting"),
});
export const noteInput = z.object({ ticketId: idSchema, note: body("Note") });
export const setStatusInput = z.object({ ticketId: idSchema, status: z.enum(TICKET_STATUSES, { error: "Status must be open, waiting or solved" }) });
export const assignInput = z.object({ ticketId: idSchema, assigneeId: idSchema.nullable() });
export const ticketSummaryOutput = z.object({ id: z.string(), status: z.enum(TICKET_STATUSES), assigneeId: z.string().nullable() });
export const okOutput = z.object({ ok: z.literal(true) });
