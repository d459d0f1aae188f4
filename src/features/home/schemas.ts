import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { PLAN_IDS } from "@/lib/plans";

/** How many activity items and member names the home shows. */
export const HOME_ACTIVITY_LIMIT = 8;
export const HOME_MEMBER_LIMIT = 5;

const role = z.enum(["owner", "admin", "member"]);

export const workspaceHomeOutput = z.object({
  activity: z.object({
    items: z.array(
      z.object({
        kind: z.enum(["post", "comment", "status"]),
        id: idSchema,
        at: z.date(),
        actorName: z.string().nullable(),
        postId: idSchema,
        postTitle: z.string(),
        boardName: z.string(),
        href: z.string(),
        /** For a status change: the new status, as people read it ("In progress"). */
        statusLabel: z.string().nullable(),
        excerpt: z.string().nullable(),
      }),
    ),
    channels: z.array(z.string()),
    boardCount: z.number().int(),
  }),
  members: z.object({
    count: z.number().int(),
    newest: z.array(z.object({ userId: idSchema, displayName: z.string(), role })),
    canInvite: z.boolean(),
  }),
  /** Admins and owners only (members don't see billing or API keys); null otherwise. */
  plan: z
    .object({
      id: z.enum(PLAN_IDS),
      name: z.string(),
      status: z.string().nullable(),
      cancelAtPeriodEnd: z.boolean(),
      renewsAt: z.date().nullable(),
      graceEndsAt: z.date().nullable(),
      personal: z.boolean(),
    })
    .nullable(),
  usage: z.object({ periodStart: z.string(), requests: z.number().int(), included: z.number().int() }).nullable(),
});
export type WorkspaceHome = z.infer<typeof workspaceHomeOutput>;
