import type { BillingOverview } from "../schemas";

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** Cumulative requests this period against the included amount (a dashed line). */
export function UsageChart({ usage }: { usage: BillingOverview["usage"] }) {
  const points = usage.daily.reduce<{ day: string; total: number }[]>((acc, d) => [...acc, { day: d.day, total: (acc.at(-1)?.total ?? 0) + d.requests }], []);
  const max = Math.max(usage.included, points.at(-1)?.total ?? 0, 1);
  const width = 640;
  const height = 140;
  const step = points.length > 1 ? width / (points.length - 1) : width;
  const y = (v: number) => height - (v / max) * height;
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${(i * step).toFixed(1)},${y(p.total).toFixed(1)}`).join(" ");
  const share = usage.included ? usage.requests / usage.included : 0;
  return (
    <figure className="flex flex-col gap-2" data-testid="usage-chart">
      <svg viewBox={`0 0 ${width} ${height + 4}`} className="h-auto w-full" role="img" aria-label={`${usage.requests.toLocaleString("en-US")} of ${usage.included.toLocaleString("en-US")} included requests used this period`}>
        <line x1={0} x2={width} y1={y(usage.included)} y2={y(usage.included)} className="stroke-muted-foreground" strokeDasharray="6 4" />
        {points.length ? <path d={path} fill="none" className={share >= 1 ? "stroke-destructive" : "stroke-primary"} strokeWidth={3} /> : null}
      </svg>
      <figcaption className="flex flex-wrap justify-between gap-2 text-xs text-muted-foreground">
        <span>{points[0] ? dayLabel.format(new Date(`${points[0].day}T00:00:00Z`)) : ""}</span>
        <span>Dashed line: included in the plan</span>
        <span>{points.at(-1) ? dayLabel.format(new Date(`${points.at(-1)!.day}T00:00:00Z`)) : ""}</span>
      </figcaption>
    </figure>
  );
}
