import "server-only";
import { workspaceSlugFrom } from "@/features/workspaces/server/slugs";
import { AppError } from "@/server/errors";
import type { SecurityRuleKind } from "@/server/db/schema";
import { normalizeDomain, normalizeIpRange, normalizeReservedName } from "@/server/security-rules/values";

const invalid = (message: string) => new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { value: [message] } });

/** The value as enforcement compares it; a value that can't be one is a field error on `value`. */
export function normalizeRuleValue(kind: SecurityRuleKind, raw: string): string {
  switch (kind) {
    case "reserved_slug": {
      const slug = workspaceSlugFrom(raw);
      if (slug !== raw.trim().toLowerCase()) throw invalid(`A slug is lower-case letters, digits and dashes, like “${slug}”.`);
      return slug;
    }
    case "reserved_name": {
      const name = normalizeReservedName(raw);
      if (!name) throw invalid("A reserved name needs at least one letter or digit.");
      return name;
    }
    case "blocked_email_domain":
    case "link_domain": {
      const domain = normalizeDomain(raw);
      if (!domain) throw invalid("Enter a domain such as spam.example.");
      return domain;
    }
    case "blocked_ip_range": {
      const range = normalizeIpRange(raw);
      if (!range) throw invalid("Enter an IP address or a CIDR range such as 203.0.113.0/24.");
      return range.cidr;
    }
  }
}
