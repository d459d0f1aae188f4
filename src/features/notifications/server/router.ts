import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import { authedProcedure } from "@/server/trpc/tiers";
import {
  listNotificationsInput,
  listNotificationsOutput,
  markAllReadInput,
  markAllReadOutput,
  markReadInput,
  markReadOutput,
  unreadCountOutput,
} from "../schemas";
import { countUnreadNotifications } from "./count-unread";
import { listNotifications } from "./list-notifications";
import { markAllNotificationsRead } from "./mark-all-read";
import { markNotificationRead } from "./mark-read";

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
});
