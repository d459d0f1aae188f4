/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file, preloaded with --require */
// Preloaded with NODE_OPTIONS="--require …" (Node 20 refuses --cpu-prof there). In a process
// with CPU_PROF_DIR set, SIGUSR2 starts V8's CPU profiler (so start-up stays out of the
// profile) and exit writes CPU_PROF_DIR/<pid>.cpuprofile, as --cpu-prof would.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");
const dir = process.env.CPU_PROF_DIR;
if (dir) {
  let session = null;
  process.on("SIGUSR2", () => {
    if (session) return;
    session = new inspector.Session();
    session.connect();
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: 1000 });
    session.post("Profiler.start");
  });
  process.on("exit", () => {
    // The main-thread session answers synchronously, so this runs before the process ends.
    session?.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
