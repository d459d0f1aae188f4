import "server-only";
import { appUrl } from "@/features/auth/server/emails";
import { renderEmail, type EmailContent } from "@/server/mail/render";

export function supportViewedMessage(p: { displayName: string; staffName: string; reason: string }): EmailContent {
  return renderEmail({
    subject: "Support viewed your account",
    heading: "Groundwork support viewed your account",
    paragraphs: [
      `Hi ${p.displayName}, ${p.staffName} from Groundwork support opened your account to see what you see, for this reason: ${p.reason}`,
      "Support sees your account read-only unless they record a second reason to make a change, and can never see or change your password, email, two-factor settings, API key secrets or payment details. Every view is in your security log.",
      "A workspace owner can turn off support access in the workspace's settings.",
    ],
    action: { label: "Open your security log", url: appUrl("/account/security-log") },
  });
}
