import "server-only";

type Policy = { name: string; limit: number; windowSeconds: number };

/**
 * A limit as the draft-ietf-httpapi-ratelimit-headers structured fields:
 * `RateLimit-Policy: "per-key";q=600;w=60` and `RateLimit: "per-key";r=599;t=42`.
 */
export const policyField = (policy: Policy) => `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`;
export const limitField = (name: string, remaining: number, resetSeconds: number) => `"${name}";r=${remaining};t=${resetSeconds}`;

export function rateLimitFields(policy: Policy, remaining: number, resetSeconds: number): Record<"RateLimit-Policy" | "RateLimit", string> {
  return { "RateLimit-Policy": policyField(policy), RateLimit: limitField(policy.name, remaining, resetSeconds) };
}
