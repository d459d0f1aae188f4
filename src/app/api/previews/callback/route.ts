import { previewCallbackInput } from "@/features/previews/schemas";
import { reportedPreviewLater } from "@/features/previews/server/jobs";
import { recordPreviewReport } from "@/features/previews/server/record-preview-report";
import { SIGNATURE_HEADER, verifyCallback } from "@/features/previews/server/github/signature";
import { db } from "@/server/db/client";
import { previewGithubEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { readBodyCapped } from "@/server/http/read-body";
import { withRequest } from "@/server/http/with-request";

const MAX_BODY_BYTES = 24 * 1024;

const failure = (status: number, code: string, message: string, requestId: string) =>
  Response.json({ error: { code, message, request_id: requestId } }, { status, headers: { "cache-control": "no-store" } });

/**
 * The GitHub preview workflow's step reports (HMAC-signed with PREVIEW_CALLBACK_SECRET, see
 * features/previews/server/github/signature.ts). No cookies are read: the signature is the
 * only credential, so cross-site requests have nothing to ride on.
 */
export const POST = withRequest(async (req, { requestId }) => {
  const config = previewGithubEnv();
  if (!config) return failure(404, "NOT_FOUND", "The GitHub preview driver is not configured here.", requestId);
  const bytes = await readBodyCapped(req, MAX_BODY_BYTES);
  if (bytes === null) return failure(413, "PAYLOAD_TOO_LARGE", `The report must be at most ${MAX_BODY_BYTES} bytes.`, requestId);
  const body = new TextDecoder().decode(bytes);
  const verdict = verifyCallback(body, req.headers.get("x-groundwork-signature"), config.PREVIEW_CALLBACK_SECRET);
  if (verdict !== "ok") {
    const why = { missing: `${SIGNATURE_HEADER} is missing or malformed`, expired: "the signature's timestamp is more than 5 minutes off", mismatch: "the signature does not match" }[verdict];
    return failure(401, "UNAUTHORIZED", `Refused: ${why}.`, requestId);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return failure(400, "BAD_REQUEST", "The body must be JSON.", requestId);
  }
  const parsed = previewCallbackInput.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return failure(400, "BAD_REQUEST", `${issue.path.join(".") || "body"}: ${issue.message}`, requestId);
  }
  try {
    const result = await recordPreviewReport(parsed.data, db);
    if (result.outcome !== "progress") await reportedPreviewLater(result.previewId, result.outcome);
    return Response.json({ ok: true, state: result.outcome }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return failure(404, "NOT_FOUND", error.userMessage, requestId);
    throw error;
  }
});
