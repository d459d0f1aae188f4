/**
 * `npm start`: the production build on Node's http server, as `next start` serves it, plus one
 * thing Next can't do: record the caller's socket address. Next only fills X-Forwarded-For when
 * the client sent none, so behind no proxy a client could name any address it liked; here every
 * request gets CLIENT_ADDRESS_HEADER from the socket and TRUSTED_PROXY_HOPS (decision 027).
 *
 *   PORT (3000), HOSTNAME (0.0.0.0): where to listen.
 */
import http from "node:http";
import path from "node:path";
import { markClientAddressEntry, stampClientAddress, trustedProxyHopsSchema } from "../src/server/http/client-ip";
import { carryUnroutableMethod } from "../src/server/http/request-method";

const dev = process.argv.includes("--dev");
(process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";

const hops = trustedProxyHopsSchema.safeParse(process.env.TRUSTED_PROXY_HOPS || undefined);
if (!hops.success) {
  console.error(`Invalid environment configuration:\n  TRUSTED_PROXY_HOPS: ${hops.error.issues[0]!.message}\nSee .env.example for what each variable means.`);
  process.exit(1);
}
markClientAddressEntry();

const { default: next } = await import("next");
const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  stampClientAddress(req, hops.data);
  carryUnroutableMethod(req);
  void handle(req, res);
});
server.on("upgrade", (req, socket, head) => {
  stampClientAddress(req, hops.data);
  void app.getUpgradeHandler()(req, socket, head);
});
server.listen(port, hostname, () => console.log(`▲ Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
  });
}
