import "server-only";
import { router } from "@/server/trpc/init";
import { staffActor } from "@/server/trpc/staff-actor";
import { adminWriteProcedure } from "@/server/trpc/tiers";
import { setStaffRoleInput, staffRoleOutput } from "../schemas";
import { setStaffRole } from "./set-staff-role";

export const staffRouter = router({
  /** A staff admin in admin mode, with a reason (staff audit log + the person's security log). */
  setStaffRole: adminWriteProcedure("admin")
    .input(setStaffRoleInput)
    .output(staffRoleOutput)
    .mutation(({ input, ctx }) => setStaffRole(input, { ...staffActor(ctx), displayName: ctx.viewer.displayName, staffRole: ctx.staffRole, userAgent: ctx.userAgent }, ctx.db)),
});
