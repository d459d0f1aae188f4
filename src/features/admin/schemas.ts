import { z } from "zod";
import { currentPasswordSchema } from "@/features/auth/schemas";
import { secondFactorCode } from "@/features/auth/two-factor-schemas";

export const adminModeStatus = z.object({
  active: z.boolean(),
  expiresAt: z.date().nullable(),
  /** Whether entering admin mode will ask for a second factor too. */
  needsCode: z.boolean(),
});
export type AdminModeStatus = z.infer<typeof adminModeStatus>;

export const enterAdminModeInput = z.object({
  password: currentPasswordSchema(),
  /** Required when the staff member has two-factor authentication on. */
  code: secondFactorCode.optional(),
});
export type EnterAdminModeInput = z.input<typeof enterAdminModeInput>;
