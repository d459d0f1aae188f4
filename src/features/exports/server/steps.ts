import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { collectComments, collectPosts, collectVotes } from "./collect/feedback";
import { collectMemberships } from "./collect/memberships";
import { collectNotifications } from "./collect/notifications";
import { collectProfile } from "./collect/profile";
import { collectSecurityLog } from "./collect/security-log";
import { collectSessions } from "./collect/sessions";

export type ExportStep = { name: string; label: string; file: string; collect: (db: DbOrTx, userId: string) => Promise<unknown> };

/** What an export contains, in build order: one step (and one JSON file) each. */
export const EXPORT_STEPS: readonly ExportStep[] = [
  { name: "profile", label: "Collecting your profile", file: "profile.json", collect: collectProfile },
  { name: "memberships", label: "Collecting your workspaces", file: "workspaces.json", collect: collectMemberships },
  { name: "security-log", label: "Collecting your security log", file: "security-log.json", collect: collectSecurityLog },
  { name: "sessions", label: "Collecting your sessions", file: "sessions.json", collect: collectSessions },
  { name: "notifications", label: "Collecting your notifications", file: "notifications.json", collect: collectNotifications },
  { name: "posts", label: "Collecting your feedback posts", file: "posts.json", collect: collectPosts },
  { name: "comments", label: "Collecting your comments", file: "comments.json", collect: collectComments },
  { name: "votes", label: "Collecting your votes", file: "votes.json", collect: collectVotes },
];

/** Collect steps share 0–90 %; assembling the zip is the last 10. */
export const progressAfter = (index: number) => Math.round(((index + 1) / EXPORT_STEPS.length) * 90);
export const ASSEMBLE_LABEL = "Assembling the zip";

export function exportStep(name: string): ExportStep & { index: number } {
  const index = EXPORT_STEPS.findIndex((s) => s.name === name);
  if (index < 0) throw new Error(`export: unknown step "${name}"`);
  return { ...EXPORT_STEPS[index]!, index };
}
