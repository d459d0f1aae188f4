import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";
import { SECURITY_RULE_KIND_VALUES } from "./constants";
export * from "./constants";

export const securityRuleDto = z.object({
  id: z.string(),
  kind: z.enum(SECURITY_RULE_KIND_VALUES),
  value: z.string(),
  action: z.enum(["refuse", "hold"]),
  note: z.string().nullable(),
  createdByEmail: z.string().nullable(),
  createdAt: z.date(),
});
export type SecurityRuleDto = z.infer<typeof securityRuleDto>;

export const listSecurityRulesOutput = z.object({ rules: z.array(securityRuleDto), disposableDomains: z.array(z.string()) });

export const addSecurityRuleInput = z.object({
  kind: z.enum(SECURITY_RULE_KIND_VALUES, { error: "Choose what kind of rule this is" }),
  value: text("Value", { required: "Value is required" }).trim().min(1, "Value is required").max(253, "Value must be at most 253 characters"),
  action: z.enum(["refuse", "hold"], { error: "Action must be refuse or hold" }).default("refuse"),
  note: text("Note").trim().max(500, "Note must be at most 500 characters").optional(),
});

export const removeSecurityRuleInput = z.object({
  id: idSchema,
  reason: text("Reason").trim().max(500, "Reason must be at most 500 characters").optional(),
});
export const removeSecurityRuleOutput = z.object({ ok: z.literal(true) });
