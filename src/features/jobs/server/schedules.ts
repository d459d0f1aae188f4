/**
 * Cron schedules, with the interval each heartbeat is expected at. Health calls a schedule
 * overdue after twice its interval (one missed tick is tolerated; two is an outage).
 */
export const SCHEDULES = {
  relayOutbox: { name: "relay-outbox", cron: "* * * * *", everySeconds: 60 },
  retentionCleanup: { name: "retention-cleanup", cron: "0 3 * * *", everySeconds: 24 * 60 * 60 },
  billingReconcile: { name: "billing-reconcile", cron: "* * * * *", everySeconds: 60 },
  billingUsage: { name: "billing-usage", cron: "*/5 * * * *", everySeconds: 5 * 60 },
} as const;

export type Schedule = (typeof SCHEDULES)[keyof typeof SCHEDULES];
