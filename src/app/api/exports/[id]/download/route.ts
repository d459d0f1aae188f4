import { sessionCookie } from "@/server/auth/cookies";
import { judgeImpersonatedCall } from "@/server/auth/impersonation-policy";
import { resolveRequestSession } from "@/server/auth/request-session";
import { db } from "@/server/db/client";
import { withRequest } from "@/server/http/with-request";
import { readExportFile } from "@/features/exports/server/read-export-file";

const failure = (status: number, code: string, message: string, requestId: string) =>
  Response.json({ error: { code, message, request_id: requestId } }, { status, headers: { "cache-control": "no-store" } });

/** The finished "Export my data" archive, to its owner only, with the session cookie. */
export const GET = withRequest<{ params: Promise<{ id: string }> }>(async (req, { params, requestId }) => {
  const resolved = await resolveRequestSession(db, req.headers);
  const signedIn = resolved?.fullyAuthenticated ? resolved : null;
  if (!signedIn) return failure(401, "UNAUTHORIZED", "Sign in to download your export.", requestId);
  // Downloading an export is taking the copy that requesting one would make: never while impersonating.
  const verdict = signedIn.impersonation ? judgeImpersonatedCall("exports.request", "mutation", signedIn.impersonation.mode) : null;
  if (verdict?.kind === "refused") return failure(403, "FORBIDDEN", verdict.userMessage, requestId);

  const result = await readExportFile({ id: (await params).id }, { userId: signedIn.user.id }, db);
  if (result.kind === "not_found") return failure(404, "NOT_FOUND", "That export doesn't exist.", requestId);
  if (result.kind === "expired") {
    return failure(410, "GONE", "This export expired 24 hours after it was made and has been removed. Request a new one at /account/export.", requestId);
  }
  const headers: Record<string, string> = {
    "content-type": "application/zip",
    "content-length": String(result.zip.length),
    "content-disposition": `attachment; filename="${result.filename}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  if (signedIn.session.refreshed) headers["set-cookie"] = sessionCookie(signedIn.token, signedIn.session.expiresAt);
  return new Response(new Uint8Array(result.zip), { status: 200, headers });
});
