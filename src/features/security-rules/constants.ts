/**
 * Security rule values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

export const SECURITY_RULE_KIND_VALUES = ["reserved_slug", "reserved_name", "blocked_email_domain", "blocked_ip_range", "link_domain"] as const;

export type SecurityRuleKindValue = (typeof SECURITY_RULE_KIND_VALUES)[number];

export const SECURITY_RULE_KIND_LABELS: Record<SecurityRuleKindValue, { title: string; placeholder: string; help: string }> = {
  reserved_slug: { title: "Reserved workspace slugs", placeholder: "acme", help: "No new workspace may take this slug." },
  reserved_name: { title: "Reserved workspace names", placeholder: "Acme Inc", help: "No workspace may be created or renamed to this name (case and punctuation ignored)." },
  blocked_email_domain: { title: "Blocked sign-up email domains", placeholder: "spam.example", help: "Sign-ups from this domain and its subdomains are refused." },
  blocked_ip_range: { title: "Blocked sign-up IP ranges", placeholder: "203.0.113.0/24", help: "Sign-ups from these addresses are refused (IPv4 or IPv6 CIDR)." },
  link_domain: { title: "Link domains in feedback posts", placeholder: "spam.example", help: "Posts linking here are refused, or held for a workspace admin's review." },
};
