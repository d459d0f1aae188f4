/**
 * What an API key may do. Each scope needs a minimum workspace role: a key never does more
 * than its creator could do now (checked at every request, so a demotion takes effect at once).
 */
export const API_KEY_SCOPES = ["boards:read", "posts:read", "posts:write", "votes:write", "comments:write", "usage:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

type Role = "owner" | "admin" | "member";
const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export const SCOPE_INFO: Record<ApiKeyScope, { label: string; minimumRole: Role }> = {
  "boards:read": { label: "Read boards", minimumRole: "member" },
  "posts:read": { label: "Read posts and comments", minimumRole: "member" },
  "posts:write": { label: "Create posts", minimumRole: "member" },
  "votes:write": { label: "Vote on posts", minimumRole: "member" },
  "comments:write": { label: "Comment on posts", minimumRole: "member" },
  "usage:read": { label: "Read API usage", minimumRole: "admin" },
};

export function roleAllowsScope(role: Role, scope: ApiKeyScope): boolean {
  return RANK[role] >= RANK[SCOPE_INFO[scope].minimumRole];
}

/** The scopes a key can use right now: what it was granted, cut down to its creator's current role. */
export function effectiveScopes(granted: readonly ApiKeyScope[], creatorRole: Role | null): ApiKeyScope[] {
  if (!creatorRole) return [];
  return granted.filter((s) => roleAllowsScope(creatorRole, s));
}
