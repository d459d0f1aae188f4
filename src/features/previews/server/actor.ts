import type { StaffAuditActor } from "@/server/audit";

/** Who acts on previews: product or admin staff (the router's tier checks the role). */
export type PreviewActor = StaffAuditActor;
