import { z } from "zod";
import { workspaceSlugField } from "@/lib/text";
import { adminModeStatus, enterAdminModeInput, reasonField } from "@/features/admin/schemas";

/** 15 minutes, server-side; one extension of the same length. */
export const IMPERSONATION_TTL_MS = 15 * 60 * 1000;

export const startImpersonationInput = z.object({ userId: z.uuid({ error: "Choose a user by id" }), reason: reasonField });
/**
 * Extending and write mode re-require admin mode. While impersonating, the staff member can't
 * reach the admin console's own prompt (they are the user here), so these take the password
 * (and code) themselves when admin mode has lapsed.
 */
const reauth = enterAdminModeInput.partial().shape;
export const extendImpersonationInput = z.object({ reason: reasonField, ...reauth });
export const enableWriteModeInput = z.object({ reason: reasonField, ...reauth });

export const impersonationStatus = z.object({
  user: z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }),
  impersonator: z.object({ displayName: z.string() }),
  mode: z.enum(["read", "write"]),
  reason: z.string(),
  expiresAt: z.date(),
  extended: z.boolean(),
  /** The staff member's admin mode (their own session): extend and write mode need it. */
  adminMode: adminModeStatus,
});
export type ImpersonationStatus = z.infer<typeof impersonationStatus>;

export const startImpersonationOutput = z.object({ redirectTo: z.string(), expiresAt: z.date() });
export const extendImpersonationOutput = z.object({ expiresAt: z.date() });
export const enableWriteModeOutput = z.object({ mode: z.literal("write") });
/** Where Stop goes: back to the user's page in the admin console. */
export const stopImpersonationOutput = z.object({ redirectTo: z.string() });

export const workspaceSupportAccessInput = z.object({ workspaceSlug: workspaceSlugField });
export const setWorkspaceSupportAccessInput = z.object({ workspaceSlug: workspaceSlugField, allow: z.boolean({ error: "Choose on or off" }) });
export const workspaceSupportAccess = z.object({ allow: z.boolean() });

export const adminUserPath = (userId: string) => `/admin/users/${userId}`;
