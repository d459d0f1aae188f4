/**
 * Import first in a Pages Router API route. Turbopack leaves `server-only` external in
 * Pages API bundles, and Node then loads its default entry, which throws (App Router
 * bundles get the empty `react-server` variant). This preloads the empty module in Node's
 * require cache. The guard that matters, a build error when a client bundle imports server
 * code, is untouched. No `server-only` import here, for the same reason.
 */
import Module, { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.cwd(), "package.json"));
const entry = require.resolve("server-only");
if (!require.cache[entry]) {
  const empty = new Module(entry);
  empty.filename = entry;
  empty.loaded = true;
  empty.exports = {};
  require.cache[entry] = empty;
}
