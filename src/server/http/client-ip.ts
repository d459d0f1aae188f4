// No "server-only" here: `scripts/start.ts` imports this before Next loads, without the react-server condition.
import type { IncomingMessage } from "node:http";
import { isIP, type Socket } from "node:net";
import { z } from "zod";

/**
 * The caller's address as our own entry point worked it out. Our servers (`npm start`'s
 * `scripts/start.ts`, `start:api`, `start:realtime`) overwrite it on every request, so a client
 * can't set it; see `stampClientAddress`.
 */
export const CLIENT_ADDRESS_HEADER = "x-groundwork-client-address";

/** How many proxies in front of the app append to X-Forwarded-For; 0 = clients connect directly. */
export const trustedProxyHopsSchema = z.coerce.number().int().min(0).max(10).default(0);

const ENTRY_FLAG = Symbol.for("groundwork.clientAddressEntry");
type EntryGlobal = { [ENTRY_FLAG]?: boolean };

/**
 * Called by a server that stamps every request: from then on the stamped header is the
 * address. Kept on globalThis because Next bundles its own copy of this module.
 */
export function markClientAddressEntry(): void {
  (globalThis as EntryGlobal)[ENTRY_FLAG] = true;
}
export const hasClientAddressEntry = (): boolean => (globalThis as EntryGlobal)[ENTRY_FLAG] === true;

function normalize(raw: string): string | null {
  let value = raw.trim();
  // "[2001:db8::1]:443" and "203.0.113.7:5123" (some balancers add the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.toLowerCase().startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value : null;
}

/**
 * The client's address from the hops we trust: the X-Forwarded-For entries plus the socket's
 * peer, counted `hops` from the right (each trusted proxy appends the address it saw). Entries
 * left of that are the client's own say and are never used. Express's `trust proxy = N`.
 */
export function resolveClientAddress(input: { socketAddress: string | null | undefined; forwardedFor: string | null | undefined; hops: number }): string {
  const chain = (input.forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (input.socketAddress) chain.push(input.socketAddress);
  if (chain.length === 0) return "unknown";
  const index = Math.max(0, chain.length - 1 - input.hops);
  return normalize(chain[index]!) ?? "unknown";
}

/**
 * Our servers call this first on every request: it replaces whatever the client sent in
 * CLIENT_ADDRESS_HEADER with the address worked out from the socket and the trusted hops.
 */
export function stampClientAddress(req: IncomingMessage, hops: number): string {
  const forwarded = req.headers["x-forwarded-for"];
  const address = forwarded === undefined && req.socket
    ? socketAddress(req.socket)
    : resolveClientAddress({ socketAddress: req.socket?.remoteAddress, forwardedFor: Array.isArray(forwarded) ? forwarded.join(",") : forwarded, hops });
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  return address;
}

const socketAddresses = new WeakMap<Socket, string>();

/** Without X-Forwarded-For the address is the socket's peer, worked out once per connection (keep-alive sends many requests on one). */
function socketAddress(socket: Socket): string {
  let address = socketAddresses.get(socket);
  if (address === undefined) {
    address = resolveClientAddress({ socketAddress: socket.remoteAddress, forwardedFor: null, hops: 0 });
    // A socket that has closed has no address yet/anymore: don't remember that.
    if (socket.remoteAddress) socketAddresses.set(socket, address);
  }
  return address;
}

function hopsFromEnv(): number {
  const parsed = trustedProxyHopsSchema.safeParse(process.env.TRUSTED_PROXY_HOPS || undefined);
  return parsed.success ? parsed.data : 0;
}

/**
 * The caller's address for per-IP limits, the security log and new-sign-in notices. Behind our
 * entry points it is the stamped header (every request through them has it). Without one (`next dev`, tests calling in-process) only
 * X-Forwarded-For is left: with TRUSTED_PROXY_HOPS ≥ 1 the last proxy's entry is still right;
 * with 0 it is the right-most entry, which Next sets from the socket only when the client sent
 * none — so production runs `npm start`, which stamps (decision 027).
 */
export function clientIp(headers: { get(name: string): string | null }): string {
  const stamped = hasClientAddressEntry() ? headers.get(CLIENT_ADDRESS_HEADER) : null;
  if (stamped) return stamped;
  const hops = hopsFromEnv();
  // The nearest proxy's own address (the socket) is not in the header: the client is `hops` from its end.
  return resolveClientAddress({ socketAddress: null, forwardedFor: headers.get("x-forwarded-for"), hops: Math.max(0, hops - 1) });
}
