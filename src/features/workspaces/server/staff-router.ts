import "server-only";
import { router } from "@/server/trpc/init";
import { staffProcedure } from "@/server/trpc/tiers";
import { setStaffRoleInput, staffRoleOutput } from "../schemas";
import { setStaffRole } from "./set-staff-role";

export const staffRouter = router({
  setStaffRole: staffProcedure("admin")
    .input(setStaffRoleInput)
    .output(staffRoleOutput)
    .mutation(({ input, ctx }) =>
      setStaffRole(input, { userId: ctx.viewer.userId, displayName: ctx.viewer.displayName, impersonatorId: ctx.viewer.impersonatorId, ip: ctx.ip }, ctx.db),
    ),
});
