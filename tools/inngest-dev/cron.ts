/**
 * Cron schedules in UTC: 5 fields (minute hour day-of-month month day-of-week) or 6 with a
 * leading seconds field, which lets tests fire every second. `*`, lists, ranges, steps and
 * month/day names are supported; `TZ=` prefixes other than UTC and `L`/`W`/`#` are refused.
 */

type Field = Set<number>;
export type Cron = { seconds: Field; minutes: Field; hours: Field; days: Field; months: Field; weekdays: Field; anyDay: boolean; anyWeekday: boolean };

const NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
};

function parseField(text: string, min: number, max: number, source: string): Field {
  const values = new Set<number>();
  const num = (s: string) => {
    const n = /^\d+$/.test(s) ? Number(s) : NAMES[s.toLowerCase()];
    if (n === undefined || n < min || n > max + (max === 6 ? 1 : 0)) throw new Error(`unsupported cron ${JSON.stringify(source)}: bad value ${s}`);
    return max === 6 && n === 7 ? 0 : n; // 7 is Sunday too
  };
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`unsupported cron ${JSON.stringify(source)}: bad step in ${part}`);
    let [from, to] = [min, max];
    if (range !== "*") {
      const [a, b] = range!.split("-");
      from = num(a!);
      to = b === undefined ? (stepText === undefined ? from : max) : num(b);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(source: string): Cron {
  let text = source.trim();
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(text);
  if (tz) {
    if (tz[1] !== "UTC" && tz[1] !== "Etc/UTC") throw new Error(`unsupported cron ${JSON.stringify(source)}: only UTC schedules are supported`);
    text = text.slice(tz[0].length);
  }
  const parts = text.split(/\s+/);
  if (parts.length === 5) parts.unshift("0");
  if (parts.length !== 6) throw new Error(`unsupported cron ${JSON.stringify(source)}: expected 5 or 6 fields`);
  const [s, m, h, dom, mon, dow] = parts as [string, string, string, string, string, string];
  return {
    seconds: parseField(s, 0, 59, source),
    minutes: parseField(m, 0, 59, source),
    hours: parseField(h, 0, 23, source),
    days: parseField(dom === "?" ? "*" : dom, 1, 31, source),
    months: parseField(mon, 1, 12, source),
    weekdays: parseField(dow === "?" ? "*" : dow, 0, 6, source),
    anyDay: dom === "*" || dom === "?",
    anyWeekday: dow === "*" || dow === "?",
  };
}

function dayMatches(cron: Cron, d: Date): boolean {
  const dom = cron.days.has(d.getUTCDate());
  const dow = cron.weekdays.has(d.getUTCDay());
  // Classic cron: when both day fields are restricted, either may match.
  if (!cron.anyDay && !cron.anyWeekday) return dom || dow;
  return dom && dow;
}

/** The first fire time strictly after `after`. */
export function nextCronTime(cron: Cron, after: Date): Date {
  const d = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  for (let guard = 0; guard < 100_000; guard++) {
    if (!cron.months.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0);
    } else if (!dayMatches(cron, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0);
    } else if (!cron.hours.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0);
    } else if (!cron.minutes.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0);
    } else if (!cron.seconds.has(d.getUTCSeconds())) {
      d.setUTCSeconds(d.getUTCSeconds() + 1);
    } else return d;
  }
  throw new Error("cron schedule never fires");
}
