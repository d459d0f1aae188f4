import { vi, expect, it } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "info";
  process.env.LOG_SQL = "1";
});

import { captureLogs } from "../support/logs";
import { trpcMutation } from "../support/http";

it("LOG_SQL=1 logs every statement with its duration, and no parameter values", async () => {
  const { lines } = await captureLogs(() => trpcMutation("observability.recordPing", { label: "secret-ish value" }, { "x-request-id": "req-sql-0001" }));
  const sqlLines = lines.filter((l) => l.msg === "sql");
  expect(sqlLines.map((l) => String(l.sql).split(" (")[0])).toEqual(['insert into "rate_limit_buckets"', 'insert into "diagnostic_pings"']);
  for (const line of sqlLines) {
    expect(line.requestId).toBe("req-sql-0001");
    expect(typeof line.durationMs).toBe("number");
  }
  expect(JSON.stringify(lines)).not.toContain("secret-ish value");
});
