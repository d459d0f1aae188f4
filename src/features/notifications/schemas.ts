import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";
export * from "./constants";

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
  /** The workspace it is about, if any (support impersonating the user doesn't see it when that workspace opted out). */
  workspaceId: z.uuid().nullable().default(null),
});
export type NewNotification = z.input<typeof newNotification>;

/** Kinds of non-essential email, each with its own unsubscribe link. */
export const EMAIL_CATEGORIES = ["feedback_status"] as const;
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number];
export const EMAIL_CATEGORY_LABELS: Record<EmailCategory, string> = { feedback_status: "status changes on feedback you voted for or posted" };

export const notificationPreferences = z.object({ feedbackStatusEmail: z.boolean(), feedbackStatusInApp: z.boolean() });
export type NotificationPreferences = z.infer<typeof notificationPreferences>;
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = { feedbackStatusEmail: true, feedbackStatusInApp: true };

const preferenceSwitch = (label: string) => z.boolean({ error: `${label} must be on or off` }).optional();
export const updateNotificationPreferencesInput = z
  .object({ feedbackStatusEmail: preferenceSwitch("Status emails"), feedbackStatusInApp: preferenceSwitch("Status notifications"), clientMutationId: z.uuid().nullish() })
  .refine((v) => v.feedbackStatusEmail !== undefined || v.feedbackStatusInApp !== undefined, { error: "Choose a setting to change" });

export const unsubscribeInput = z.object({
  token: text("Link", { required: "The unsubscribe link is incomplete" }).min(1, "The unsubscribe link is incomplete").max(200, "The unsubscribe link is not valid"),
});
export const unsubscribeOutput = z.object({ category: z.enum(EMAIL_CATEGORIES), stopped: z.string() });
