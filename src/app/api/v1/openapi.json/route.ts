import { openApiDocument } from "@/features/api-keys/server/rest/openapi";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(openApiDocument(`${new URL(env.APP_URL).origin}/api`), { headers: { "Cache-Control": "public, max-age=300" } });
}
