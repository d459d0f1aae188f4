// Preloaded (`node --import`) into a tool that must work offline: any attempt to resolve a
// name or open a socket is reported on stderr and refused, so a test can prove none was made.
import dns from "node:dns";
import net from "node:net";

const refuse = (what) => {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  throw new Error(`network refused in this process: ${what}`);
};
net.Socket.prototype.connect = function connect(...args) {
  const to = args[0] && typeof args[0] === "object" ? `${args[0].host ?? args[0].path}:${args[0].port ?? ""}` : String(args[0]);
  return refuse(`connect ${to}`);
};
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
