import { z } from "zod";
import { idSchema } from "@/lib/ids";

export const notification = z.object({
  id: idSchema,
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});
export type Notification = z.infer<typeof notification>;

export const listNotificationsInput = z.object({
  limit: z.number({ error: "Limit must be a number" }).int().min(1, "Limit must be at least 1").max(50, "Limit must be at most 50").default(20),
  cursor: idSchema.nullish(),
});
export const listNotificationsOutput = z.object({ items: z.array(notification), nextCursor: idSchema.nullable() });

export const unreadCountOutput = z.object({ count: z.number().int() });

export const markReadInput = z.object({ id: idSchema, clientMutationId: z.uuid().nullish() });
export const markReadOutput = z.object({ id: idSchema, readAt: z.date() });
export const markAllReadInput = z.object({ clientMutationId: z.uuid().nullish() }).default({});
export const markAllReadOutput = z.object({ updated: z.number().int() });

/** What `notify()` takes. Links are in-app paths, so a notification can't send anyone off-site. */
export const newNotification = z.object({
  type: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/),
  title: z.string().min(1).max(200),
  body: z.string().max(1000),
  link: z.string().startsWith("/").refine((v) => !v.startsWith("//"), "must be an in-app path").nullable().default(null),
});
export type NewNotification = z.input<typeof newNotification>;

/** Realtime event types on `user:{id}`. */
export const NOTIFICATION_EVENTS = { created: "notification.created", read: "notification.read" } as const;

/** Shared by the server prefetch and the bell so both address the same cache entry. */
export const NOTIFICATION_PAGE_SIZE = 20;
