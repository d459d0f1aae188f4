// Must stay first: lets the server modules below load in a Pages API bundle.
import "@/server/http/pages-api-server-only";
import type { NextApiRequest, NextApiResponse } from "next";
import { handleRealtimeStream } from "@/server/realtime/sse";

/**
 * The SSE endpoint is a Pages Router API route on purpose: it writes to Node's response,
 * which holds 10k open streams in a quarter of the memory an App Router route handler needs
 * (docs/decisions/006-sse-transport.md).
 */
export const config = { api: { bodyParser: false, responseLimit: false } };

export default function realtime(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  return handleRealtimeStream(req, res);
}
