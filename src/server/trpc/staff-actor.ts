import "server-only";
import type { StaffAuditActor } from "@/server/audit";
import type { TrpcContext, Viewer } from "./context";

/** Who on staff is acting, as the staff audit log records them. */
export const staffActor = (ctx: TrpcContext & { viewer: Viewer }): StaffAuditActor => ({ userId: ctx.viewer.userId, email: ctx.viewer.email, impersonatorId: ctx.viewer.impersonatorId, ip: ctx.ip });
