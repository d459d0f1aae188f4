/**
 * A second app process for the cross-process test: serves `GET /api/v1/me` through the real
 * API router (its own key cache, its own LISTEN) for each "me <key>" line on stdin and
 * prints the status as a JSON line. Run with `node --conditions=react-server --import tsx`.
 */
import readline from "node:readline";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { sql } from "@/server/db/client";
import { handleApiRequest } from "@/server/rest/api";

await apiKeyCache().listener.ready();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, key, tag] = line.trim().split(" ");
  if (command === "me" && key) {
    const res = await handleApiRequest(new Request("http://localhost:3000/api/v1/me", { headers: { authorization: `Bearer ${key}` } }), {});
    const body = (await res.json()) as { error?: { code: string } };
    process.stdout.write(`${JSON.stringify({ tag, status: res.status, code: body.error?.code ?? null, cached: apiKeyCache().size() })}\n`);
  }
}
usageRecorder().stop();
await usageRecorder().flush();
await apiKeyCache().listener.stop();
await sql.end({ timeout: 1 });
