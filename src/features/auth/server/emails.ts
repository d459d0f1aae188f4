import "server-only";
import { env } from "@/server/env";
import { renderEmail, type EmailContent } from "@/server/mail/render";
import { describeDevice } from "./sessions/describe-device";

/** Absolute link into the app (emails are read outside it). */
export function appUrl(path: string): string {
  return new URL(path, env.APP_URL).toString();
}

const IF_NOT_YOU = "If this wasn't you, reset your password now and check your security log.";

export function verifyEmailMessage(p: { displayName: string; token: string }): EmailContent {
  return renderEmail({
    subject: "Verify your email address",
    heading: `Welcome to Groundwork, ${p.displayName}`,
    paragraphs: ["Confirm that this is your email address so we can reach you about your account.", "The link works once and expires in 24 hours."],
    action: { label: "Verify email address", url: appUrl(`/verify-email?token=${p.token}`) },
    footer: "You received this because this address was used to create a Groundwork account. If that wasn't you, ignore this email.",
  });
}

export function resetPasswordMessage(p: { displayName: string; token: string }): EmailContent {
  return renderEmail({
    subject: "Reset your password",
    heading: "Reset your Groundwork password",
    paragraphs: [
      `Hi ${p.displayName}, someone (hopefully you) asked to reset the password of this account.`,
      "The link works once and expires in 1 hour. Resetting signs you out on every device.",
    ],
    action: { label: "Choose a new password", url: appUrl(`/reset-password?token=${p.token}`) },
    footer: "If you didn't ask for this, ignore this email: your password stays as it is.",
  });
}

export function confirmEmailChangeMessage(p: { displayName: string; token: string; newEmail: string }): EmailContent {
  return renderEmail({
    subject: "Confirm your new email address",
    heading: "Confirm your new email address",
    paragraphs: [
      `Hi ${p.displayName}, confirm that ${p.newEmail} should become the email address of your Groundwork account.`,
      "Nothing changes until you confirm. The link works once and expires in 24 hours.",
    ],
    action: { label: "Confirm new address", url: appUrl(`/confirm-email?token=${p.token}`) },
  });
}

export function emailChangeRequestedNotice(p: { displayName: string; newEmail: string }): EmailContent {
  return renderEmail({
    subject: "Your email address is about to change",
    heading: "An email change was requested",
    paragraphs: [
      `Hi ${p.displayName}, someone signed in to your account asked to change its email address to ${p.newEmail}.`,
      "It takes effect only once the new address is confirmed from the link we sent there.",
      IF_NOT_YOU,
    ],
    action: { label: "Reset your password", url: appUrl("/forgot-password") },
  });
}

export function emailChangedNotice(p: { displayName: string; newEmail: string }): EmailContent {
  return renderEmail({
    subject: "Your email address was changed",
    heading: "Your email address was changed",
    paragraphs: [`Hi ${p.displayName}, your Groundwork account now uses ${p.newEmail}. This address will no longer receive account email.`, IF_NOT_YOU],
  });
}

export function passwordChangedNotice(p: { displayName: string; how: "changed" | "reset" }): EmailContent {
  return renderEmail({
    subject: "Your password was changed",
    heading: "Your password was changed",
    paragraphs: [
      p.how === "reset"
        ? `Hi ${p.displayName}, your password was reset from an emailed link, and every device was signed out.`
        : `Hi ${p.displayName}, your password was changed from your account page, and your other devices were signed out.`,
      IF_NOT_YOU,
    ],
    action: { label: "Reset your password", url: appUrl("/forgot-password") },
  });
}

export function newSignInNotice(p: { displayName: string; ip: string | null; userAgent: string | null; at: Date }): EmailContent {
  return renderEmail({
    subject: "New sign-in to your account",
    heading: "New sign-in from a device we haven't seen",
    paragraphs: [
      `Hi ${p.displayName}, your account was just signed in to.`,
      `When: ${p.at.toISOString().replace("T", " ").slice(0, 16)} UTC`,
      `IP address: ${p.ip ?? "unknown"}`,
      `Device: ${describeDevice(p.userAgent)}`,
      IF_NOT_YOU,
    ],
    action: { label: "Review your security log", url: appUrl("/account/security-log") },
  });
}
