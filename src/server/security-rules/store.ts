import "server-only";
import { BlockList } from "node:net";
import { db as defaultDb, type DbOrTx } from "@/server/db/client";
import { createNotifySnapshot, type NotifySnapshot } from "@/server/db/notify-snapshot";
import { securityRules, type SecurityRuleAction } from "@/server/db/schema";
import { directDatabaseUrl } from "@/server/env";
import { DISPOSABLE_EMAIL_DOMAINS } from "./disposable-domains";
import { normalizeIpRange } from "./values";

export const SECURITY_RULES_NOTIFY_CHANNEL = "security_rules";

export type SecurityRulesSnapshot = {
  reservedSlugs: ReadonlySet<string>;
  reservedNames: ReadonlySet<string>;
  /** Staff's blocked domains plus the shipped disposable-mail list. */
  blockedEmailDomains: ReadonlySet<string>;
  blockedIps: BlockList;
  linkDomains: ReadonlyMap<string, SecurityRuleAction>;
  loadedAt: number;
};

function build(rows: Array<{ kind: string; value: string; action: SecurityRuleAction }>): SecurityRulesSnapshot {
  const reservedSlugs = new Set<string>();
  const reservedNames = new Set<string>();
  const blockedEmailDomains = new Set<string>(DISPOSABLE_EMAIL_DOMAINS);
  const blockedIps = new BlockList();
  const linkDomains = new Map<string, SecurityRuleAction>();
  for (const row of rows) {
    if (row.kind === "reserved_slug") reservedSlugs.add(row.value);
    else if (row.kind === "reserved_name") reservedNames.add(row.value);
    else if (row.kind === "blocked_email_domain") blockedEmailDomains.add(row.value);
    else if (row.kind === "link_domain") linkDomains.set(row.value, row.action);
    else if (row.kind === "blocked_ip_range") {
      const range = normalizeIpRange(row.value);
      if (range) blockedIps.addSubnet(range.address, range.prefix, range.family);
    }
  }
  return { reservedSlugs, reservedNames, blockedEmailDomains, blockedIps, linkDomains, loadedAt: Date.now() };
}

export const EMPTY_RULES = build([]);

/** Every rule in memory, per process, reloaded on NOTIFY `security_rules` (migration 0018's trigger). */
export function createSecurityRulesStore(opts: { databaseUrl: string; db?: DbOrTx; applicationName?: string }): NotifySnapshot<SecurityRulesSnapshot> {
  const db = opts.db ?? defaultDb;
  return createNotifySnapshot({
    databaseUrl: opts.databaseUrl,
    channel: SECURITY_RULES_NOTIFY_CHANNEL,
    applicationName: opts.applicationName ?? "groundwork-security-rules",
    empty: EMPTY_RULES,
    load: async () => build(await db.select({ kind: securityRules.kind, value: securityRules.value, action: securityRules.action }).from(securityRules)),
  });
}

const globalForRules = globalThis as unknown as { groundworkSecurityRules?: NotifySnapshot<SecurityRulesSnapshot> };

/** This process's rules, loaded (the LISTEN connection starts on first use). */
export async function currentSecurityRules(): Promise<SecurityRulesSnapshot> {
  globalForRules.groundworkSecurityRules ??= createSecurityRulesStore({ databaseUrl: directDatabaseUrl() });
  await globalForRules.groundworkSecurityRules.ready();
  return globalForRules.groundworkSecurityRules.snapshot();
}

/** Tests: stop this process's store so the next use starts a fresh one. */
export async function stopSecurityRulesStore(): Promise<void> {
  await globalForRules.groundworkSecurityRules?.stop();
  delete globalForRules.groundworkSecurityRules;
}

/**
 * After a change committed in this process: reload now rather than on the NOTIFY, so the staff
 * member who made it (and a test) sees it at once. Other processes follow on the NOTIFY.
 */
export async function reloadSecurityRules(): Promise<void> {
  await globalForRules.groundworkSecurityRules?.reload();
}
