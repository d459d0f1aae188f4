import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";

export const SECURITY_RULE_KIND_VALUES = ["reserved_slug", "reserved_name", "blocked_email_domain", "blocked_ip_range", "link_domain"] as const;
export type SecurityRuleKindValue = (typeof SECURITY_RULE_KIND_VALUES)[number];

export const SECURITY_RULE_KIND_LABELS: Record<SecurityRuleKindValue, { title: string; placeholder: string; help: string }> = {
  reserved_slug: { title: "Reserved workspace slugs", placeholder: "acme", help: "No new workspace may take this slug." },
  reserved_name: { title: "Reserved workspace names", placeholder: "Acme Inc", help: "No workspace may be created or renamed to this name (case and punctuation ignored)." },
  blocked_email_domain: { title: "Blocked sign-up email domains", placeholder: "spam.example", help: "Sign-ups from this domain and its subdomains are refused." },
  blocked_ip_range: { title: "Blocked sign-up IP ranges", placeholder: "203.0.113.0/24", help: "Sign-ups from these addresses are refused (IPv4 or IPv6 CIDR)." },
  link_domain: { title: "Link domains in feedback posts", placeholder: "spam.example", help: "Posts linking here are refused, or held for a workspace admin's review." },
};

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
