import "server-only";
import { isIP } from "node:net";
import { AppError } from "@/server/errors";
import { currentSecurityRules } from "./store";
import { domainAndParents, normalizeDomain, normalizeReservedName } from "./values";

const SUPPORT_HINT = "If you think this is a mistake, contact support at /support.";

/** Sign-up: the address's domain (or a parent of it) and the client's address against the rules. */
export async function assertSignUpAllowed(input: { email: string; ip: string | null }): Promise<void> {
  const rules = await currentSecurityRules();
  const domain = normalizeDomain(input.email.split("@").pop() ?? "");
  if (domain && domainAndParents(domain).some((d) => rules.blockedEmailDomains.has(d))) {
    const message = `Sign-ups with ${domain} addresses aren't accepted. Use another email address.`;
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { email: [message] } });
  }
  const ip = input.ip;
  const version = ip ? isIP(ip) : 0;
  if (ip && version !== 0 && rules.blockedIps.check(ip, version === 4 ? "ipv4" : "ipv6")) {
    throw new AppError("FORBIDDEN", { userMessage: `Sign-ups from your network are blocked. ${SUPPORT_HINT}` });
  }
}

/** A new or renamed workspace: reserved names and (for new ones) reserved slugs are refused on `name`. */
export async function assertWorkspaceNameAllowed(input: { name: string; slug?: string }): Promise<void> {
  const rules = await currentSecurityRules();
  const reserved = rules.reservedNames.has(normalizeReservedName(input.name)) || (input.slug !== undefined && rules.reservedSlugs.has(input.slug));
  if (reserved) {
    const message = `“${input.name}” is reserved. Choose another name.`;
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { name: [message] } });
  }
}

/** Reserved slugs a generated slug must step around (personal workspaces get a suffix instead of a refusal). */
export async function reservedSlugs(): Promise<ReadonlySet<string>> {
  return (await currentSecurityRules()).reservedSlugs;
}

export type LinkVerdict = { kind: "ok" } | { kind: "hold"; domain: string } | { kind: "refuse"; domain: string };

/** The strictest rule matching any of the linked hosts: refuse beats hold. */
export async function judgeLinks(hosts: readonly string[]): Promise<LinkVerdict> {
  const rules = await currentSecurityRules();
  let verdict: LinkVerdict = { kind: "ok" };
  for (const host of hosts) {
    const domain = normalizeDomain(host);
    if (!domain) continue;
    for (const d of domainAndParents(domain)) {
      const action = rules.linkDomains.get(d);
      if (action === "refuse") return { kind: "refuse", domain: d };
      if (action === "hold" && verdict.kind === "ok") verdict = { kind: "hold", domain: d };
    }
  }
  return verdict;
}
