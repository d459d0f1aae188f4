import "server-only";
import { z } from "zod";
import { router } from "@/server/trpc/init";
import { staffActor } from "@/server/trpc/staff-actor";
import { adminWriteProcedure, rateLimit, staffProcedure } from "@/server/trpc/tiers";
import * as s from "../schemas";
import { addSecurityRule } from "./add-security-rule";
import { listSecurityRules } from "./list-security-rules";
import { removeSecurityRule } from "./remove-security-rule";

const writes = rateLimit({ name: "security-rules-staff", limit: 60, windowSeconds: 60 });
// Support staff fight spam all day: any staff member may add or remove a rule, in admin mode
// (a rule can lock people out); every change is audited.
const support = staffProcedure("support");
const supportWrite = adminWriteProcedure("support");

export const securityRulesRouter = router({
  list: support.input(z.void()).output(s.listSecurityRulesOutput).query(({ ctx }) => listSecurityRules(ctx.db)),
  add: supportWrite.use(writes).input(s.addSecurityRuleInput).output(s.securityRuleDto).mutation(({ input, ctx }) => addSecurityRule(input, staffActor(ctx), ctx.db)),
  remove: supportWrite.use(writes).input(s.removeSecurityRuleInput).output(s.removeSecurityRuleOutput).mutation(({ input, ctx }) => removeSecurityRule(input, staffActor(ctx), ctx.db)),
});
