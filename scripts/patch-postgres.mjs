/**
 * `postinstall`: patches postgres.js 3.4.9 (decision 055). It buffers small writes behind a
 * setImmediate; when the connection closes before that fires, `nextWrite` calls `write` on a
 * null socket and throws from the timer, where no caller can catch it (porsager/postgres#1154,
 * #1208; unfixed in 3.4.10). Next's server logs the throw and goes on, but the connection keeps
 * its spent timer and the stale bytes: every later startup message is appended to them and never
 * sent, so each query that lands on it fails with CONNECT_TIMEOUT although Postgres is up.
 * The patch settles such a write as CONNECTION_CLOSED (catchable, like any closed connection),
 * leaves the connection idle (so `end()` doesn't wait for it forever), and makes both teardown
 * paths drop the timer and the buffered bytes.
 *
 * Second (decision 055, "stale state"): `closed()` leaves the dead connection's `query` and
 * `errorResponse` in place. On the next socket a FATAL at login ("the database system is starting
 * up") then counts as the old query's error: it is stashed instead of rejecting the waiting
 * query, the connection retries in a loop with no backoff, and the stashed error rejects whichever
 * query the next successful login carries, after Postgres is back (porsager/postgres#1223). The
 * patch clears both when the socket closes, once their owners have been told.
 *
 * Plain Node, no dependencies (it runs before anything else is usable); idempotent; fails the
 * install loudly if the source is not the one it knows, so an upgrade can't silently drop it.
 * Each file is replaced by rename, so node_modules trees hardlinked to this one keep theirs.
 */
import fs from "node:fs";
import path from "node:path";

const MARK = "/* groundwork: patched (scripts/patch-postgres.mjs) */";
const STALE_MARK = "/* groundwork: patched, stale state (scripts/patch-postgres.mjs) */";
const root = path.resolve(import.meta.dirname, "../node_modules/postgres");
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
if (version !== "3.4.9") {
  console.error(`patch-postgres: postgres ${version} installed; this patch is for 3.4.9. Check whether ${version} fixes nextWrite on a closed socket, then update or remove scripts/patch-postgres.mjs (decision 055).`);
  process.exit(1);
}

const edits = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      query = null\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  // terminate() and closed(): the spent timer and the buffered bytes go with the socket.
  ["    clearImmediate(nextWriteTimer)\n    if (socket) {", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {"],
  ["    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)"],
  // closed(): the next socket starts with no query and no error of this one's.
  [
    "    if (initial)\n      return reconnect()\n\n    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    `    ${STALE_MARK}\n    errorResponse = null\n    if (initial) {\n      query = null\n      return reconnect()\n    }\n\n    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n    query = null\n`,
  ],
];

for (const dir of ["src", "cjs/src", "cf/src"]) {
  const file = path.join(root, dir, "connection.js");
  const original = fs.readFileSync(file, "utf8");
  let text = original;
  // Each edit is applied once: a tree patched by an earlier version of this script gets the rest.
  for (const [from, to] of edits) {
    if (text.includes(to)) continue;
    if (text.split(from).length !== 2) {
      console.error(`patch-postgres: ${file} does not contain the code this patch expects:\n${from}`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  if (text === original) continue;
  fs.writeFileSync(`${file}.groundwork-tmp`, text);
  fs.renameSync(`${file}.groundwork-tmp`, file);
}
