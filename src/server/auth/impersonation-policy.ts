import type { ImpersonationMode } from "@/server/db/schema";

/**
 * What an impersonating staff member may never do, in either mode, by procedure path, with the
 * words the refusal uses. A procedure missing here is still refused in read-only mode when it is
 * a mutation; tests/integration/impersonation checks every path here exists in the router.
 */
export const NEVER_WHILE_IMPERSONATING: Readonly<Record<string, string>> = {
  "auth.changePassword": "change the password",
  "auth.resetPassword": "change the password",
  "auth.requestPasswordReset": "change the password",
  "auth.requestEmailChange": "change the email address",
  "auth.confirmEmailChange": "change the email address",
  "auth.verifyEmail": "change the email address",
  "auth.signIn": "sign in to another account",
  "auth.signUp": "create an account",
  "auth.signOut": "sign the user out (use Stop in the banner to end impersonation)",
  "twoFactor.beginEnrollment": "change two-factor authentication",
  "twoFactor.confirmEnrollment": "change two-factor authentication",
  "twoFactor.disable": "change two-factor authentication",
  "twoFactor.verifySignIn": "change two-factor authentication",
  "twoFactor.regenerateRecoveryCodes": "see or create recovery codes",
  "apiKeys.create": "see or create API key secrets",
  "apiKeys.roll": "see or create API key secrets",
  "billing.startCheckout": "enter or change payment details",
  "billing.openPortal": "enter or change payment details",
  "workspaces.delete": "delete a workspace",
  "workspaces.acceptInvite": "accept an invitation",
  "impersonation.setWorkspaceSupportAccess": "change whether support may access a workspace",
  // The archive is the account's data leaving the product, workspaces that turned support access off included.
  "exports.request": "take a copy of the account's data",
};

/** Procedures that run the impersonation itself (Stop, Extend, write mode, the banner's status). */
const CONTROLS = new Set(["impersonation.current", "impersonation.stop", "impersonation.extend", "impersonation.enableWrite"]);

export type ImpersonationVerdict = { kind: "allowed" } | { kind: "refused"; userMessage: string };

export function judgeImpersonatedCall(path: string, type: "query" | "mutation" | "subscription", mode: ImpersonationMode): ImpersonationVerdict {
  if (CONTROLS.has(path)) return { kind: "allowed" };
  const never = NEVER_WHILE_IMPERSONATING[path];
  if (never) return { kind: "refused", userMessage: `Support can never ${never} while impersonating, in either mode.` };
  if (type === "mutation" && mode === "read") {
    return {
      kind: "refused",
      userMessage: "Read-only: you are impersonating this account, so changes are refused. Switch to write mode in the banner (it needs a reason) to make one.",
    };
  }
  return { kind: "allowed" };
}
