import "server-only";
import { AppError } from "@/server/errors";
import { judgeLinks } from "@/server/security-rules/checks";
import { countLinks, linkHosts } from "../markdown";

/** More links than this and a post waits for an admin before anyone else sees it. */
export const MAX_LINKS_BEFORE_REVIEW = 3;

/**
 * Whether a post's text must wait for review: many links, or a link to a domain staff hold
 * (/admin/security). A link to a refused domain is refused outright, moderators included.
 */
export async function mustHoldForLinks(text: string, canModerate: boolean): Promise<boolean> {
  const verdict = await judgeLinks(linkHosts(text));
  if (verdict.kind === "refuse") {
    const message = `Links to ${verdict.domain} aren't allowed here. Remove the link and try again.`;
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { body: [message] } });
  }
  if (canModerate) return false;
  return verdict.kind === "hold" || countLinks(text) > MAX_LINKS_BEFORE_REVIEW;
}
