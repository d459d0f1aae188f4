import "server-only";
import { readFlagOverrides } from "./override-cookie";
import type { FlagSubject } from "./store";

type RequestViewer = { userId: string; email: string; staffRole: "support" | "product" | "admin" | null } | null;

/**
 * The flag subject of a request, from what the request has already loaded (the session's
 * user, the workspace its tier resolved) and the staff override cookie: no query.
 */
export function requestFlagSubject(viewer: RequestViewer, headers: Headers, workspace: { id: string; plan: string } | null = null): FlagSubject {
  return {
    userId: viewer?.userId ?? null,
    email: viewer?.email ?? null,
    staffRole: viewer?.staffRole ?? null,
    workspaceId: workspace?.id ?? null,
    plan: workspace?.plan ?? null,
    overrides: readFlagOverrides(headers, viewer),
  };
}
