import http from "node:http";

/** An SSE stream opened on a realtime server, with what it received and whether it has ended. */
export type SseStream = { status: number; events: string[]; ended: Promise<void>; isEnded: () => boolean; close(): void };

/**
 * Opens `/api/realtime` for `channels` on `origin` with `headers`. Resolves once the stream has
 * said `realtime.ready` (so an event published next is delivered), or at once with a refusal's
 * status.
 */
export function openSseStream(origin: string, channels: string[], headers: Record<string, string>): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const events: string[] = [];
    let ended = false;
    const req = http.get(`${origin}/api/realtime?channels=${channels.join(",")}`, { headers }, (res) => {
      res.setEncoding("utf8");
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      const endedPromise = new Promise<void>((r) => res.once("close", () => ((ended = true), r())));
      res.on("data", (chunk: string) => {
        for (const m of chunk.matchAll(/^event: (.+)$|"type":"([^"]+)"/gm)) events.push(m[1] ?? m[2]!);
        if (events.includes("realtime.ready")) ready();
      });
      const stream = { status: res.statusCode!, events, ended: endedPromise, isEnded: () => ended, close: () => req.destroy() };
      if (res.statusCode !== 200) return resolve(stream);
      void isReady.then(() => resolve(stream));
    });
    req.on("error", reject);
  });
}
