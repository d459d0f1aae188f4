import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import { authedProcedure, publicProcedure, rateLimit } from "@/server/trpc/tiers";
import {
  listNotificationsInput,
  listNotificationsOutput,
  markAllReadInput,
  markAllReadOutput,
  markReadInput,
  markReadOutput,
  notificationPreferences,
  unreadCountOutput,
  unsubscribeInput,
  unsubscribeOutput,
  updateNotificationPreferencesInput,
} from "../schemas";
import { countUnreadNotifications } from "./count-unread";
import { getNotificationPreferences } from "./get-preferences";
import { listNotifications } from "./list-notifications";
import { markAllNotificationsRead } from "./mark-all-read";
import { markNotificationRead } from "./mark-read";
import { unsubscribe } from "./unsubscribe";
import { UNSUBSCRIBE_RATE_LIMIT } from "./unsubscribe-token";
import { updateNotificationPreferences } from "./update-preferences";

export const notificationsRouter = router({
  list: authedProcedure
    .input(listNotificationsInput)
    .output(listNotificationsOutput)
    .query(({ input, ctx }) => listNotifications(input, ctx.viewer, ctx.db)),

  unreadCount: authedProcedure
    .input(z.void())
    .output(unreadCountOutput)
    .query(({ ctx }) => countUnreadNotifications(ctx.viewer, ctx.db)),

  markRead: authedProcedure
    .input(markReadInput)
    .output(markReadOutput)
    .mutation(({ input, ctx }) => markNotificationRead(input, ctx.viewer, ctx.db)),

  markAllRead: authedProcedure
    .input(markAllReadInput)
    .output(markAllReadOutput)
    .mutation(({ input, ctx }) => markAllNotificationsRead(input, ctx.viewer, ctx.db)),

  preferences: authedProcedure
    .input(z.void())
    .output(notificationPreferences)
    .query(({ ctx }) => getNotificationPreferences(ctx.viewer, ctx.db)),

  updatePreferences: authedProcedure
    .use(rateLimit({ name: "notification-preferences", limit: 60, windowSeconds: 60 }))
    .input(updateNotificationPreferencesInput)
    .output(notificationPreferences)
    .mutation(({ input, ctx }) => updateNotificationPreferences(input, ctx.viewer, ctx.db)),

  /** The /unsubscribe page's button; mail clients' one-click POST goes to /api/unsubscribe. */
  unsubscribe: publicProcedure
    .use(rateLimit(UNSUBSCRIBE_RATE_LIMIT))
    .input(unsubscribeInput)
    .output(unsubscribeOutput)
    .mutation(({ input, ctx }) => unsubscribe(input, ctx.db)),
});
