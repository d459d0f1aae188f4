import { checkHealth } from "@/features/observability/server/check-health";
import { sql } from "@/server/db/client";
import { withRequest } from "@/server/http/with-request";

export const dynamic = "force-dynamic";

export const GET = withRequest(async () => {
  const status = await checkHealth(sql);
  return Response.json(status, {
    status: status.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
