import "server-only";
import { renderEmail, type EmailContent } from "@/server/mail/render";
import { appUrl } from "@/features/auth/server/emails";

const FOOTER = "You received this because Groundwork support changed your account. Questions? Reply through the support page.";

/** What support did to an account, told to its owner (2FA reset, lock, unlock, deletion). */
export function supportChangedAccountMessage(p: { displayName: string; subject: string; what: string; reason: string; next: string; link?: { label: string; path: string } }): EmailContent {
  return renderEmail({
    subject: p.subject,
    heading: p.subject,
    paragraphs: [`Hi ${p.displayName}, ${p.what}`, `Reason given: ${p.reason}`, p.next],
    action: p.link ? { label: p.link.label, url: appUrl(p.link.path) } : undefined,
    footer: FOOTER,
  });
}
