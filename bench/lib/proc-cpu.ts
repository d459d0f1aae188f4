/**
 * CPU time from /proc, for the benches that report CPU per request: on a shared machine req/s
 * moves with everyone else's load, the CPU a request costs far less (decision 040).
 */
import fs from "node:fs";
import path from "node:path";

const TICK_US = 1_000_000 / 100; // USER_HZ is 100 on Linux

/** user + system CPU of a process so far (every thread), µs. */
export function cpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

/** The same for a Postgres cluster: its postmaster and every backend it has forked (read at each call). */
export function postgresMicros(dataDir: string): number {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = fs.readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  let total = 0;
  for (const pid of [postmaster, ...children]) {
    try {
      total += cpuMicros(pid);
    } catch {
      // A backend that ended between the two reads.
    }
  }
  return total;
}

/** Per thread of a process: name → user and system CPU so far, µs. */
export function threadMicros(pid: number): Map<string, { user: number; sys: number }> {
  const out = new Map<string, { user: number; sys: number }>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = `${stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"))}#${tid}`;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(name, { user: Number(fields[11]) * TICK_US, sys: Number(fields[12]) * TICK_US });
    } catch {
      // A thread that ended between the two reads.
    }
  }
  return out;
}
