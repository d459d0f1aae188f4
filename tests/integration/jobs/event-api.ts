/**
 * A loopback stand-in for the Inngest event API (`POST /e/{key}` → `{ ids, status }`) that
 * records every request it gets, and can be switched "down" (503s, as during an outage).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedEvent = { id: string; name: string; data: Record<string, unknown> };

export async function startEventApi() {
  const state = { down: false, requests: [] as ReceivedEvent[][] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (state.down || req.method !== "POST" || !/^\/e\/[^/]+$/.test(req.url ?? "")) {
        res.writeHead(state.down ? 503 : 404, { "content-type": "application/json" }).end(JSON.stringify({ ids: [], status: state.down ? 503 : 404, error: "unavailable" }));
        return;
      }
      const events = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedEvent[];
      state.requests.push(events);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    /** Every event received, in order, duplicates included. */
    events: () => state.requests.flat(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
