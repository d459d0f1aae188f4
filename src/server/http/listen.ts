import "server-only";
import type http from "node:http";
import type { AddressInfo } from "node:net";

export type Listening = { origin: string; port: number; stop(): Promise<void> };

/**
 * Starts `server` on `host:port` (port 0: any free one) for the standalone processes;
 * `stop` also closes open connections (SSE streams, keep-alive sockets) so it returns promptly.
 */
export async function listen(server: http.Server, port: number, host = "127.0.0.1"): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    port: address.port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
