import type { UsageReport } from "../schemas";

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const label = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

/** Requests per day as SVG bars, errors stacked in red; the numbers are also in a table for screen readers. */
export function RequestsPerDayChart({ days }: { days: UsageReport["days"] }) {
  const max = Math.max(1, ...days.map((d) => d.requests));
  const width = 640;
  const height = 160;
  const gap = 4;
  const barWidth = (width - gap * (days.length - 1)) / days.length;
  const total = days.reduce((n, d) => n + d.requests, 0);
  return (
    <figure className="flex flex-col gap-2" data-testid="requests-per-day">
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-auto w-full" role="img" aria-label={`Requests per day: ${total} over ${days.length} days`}>
        {days.map((d, i) => {
          const x = i * (barWidth + gap);
          const h = (d.requests / max) * height;
          const errorH = (d.errors / max) * height;
          return (
            <g key={d.day}>
              <title>{`${label(d.day)}: ${d.requests} requests, ${d.errors} errors`}</title>
              <rect x={x} y={height - h} width={barWidth} height={h} className="fill-primary/70" rx={2} />
              {d.errors > 0 ? <rect x={x} y={height - errorH} width={barWidth} height={errorH} className="fill-destructive" rx={2} /> : null}
              {i % Math.ceil(days.length / 7) === 0 ? (
                <text x={x + barWidth / 2} y={height + 14} textAnchor="middle" className="fill-muted-foreground text-[10px]">
                  {label(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="flex gap-4 text-xs text-muted-foreground">
        <span className="flex items-center gap-1"><span aria-hidden="true" className="inline-block size-2 rounded-sm bg-primary/70" />Requests</span>
        <span className="flex items-center gap-1"><span aria-hidden="true" className="inline-block size-2 rounded-sm bg-destructive" />Errors (4xx/5xx)</span>
      </figcaption>
      <table className="sr-only">
        <caption>Requests per day</caption>
        <thead><tr><th scope="col">Day</th><th scope="col">Requests</th><th scope="col">Errors</th></tr></thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}><td>{label(d.day)}</td><td>{d.requests}</td><td>{d.errors}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Requests per route as horizontal CSS bars, with error count and mean latency (the caller shows the empty case). */
export function RoutesChart({ routes }: { routes: UsageReport["routes"] }) {
  const max = Math.max(1, ...routes.map((r) => r.requests));
  return (
    <table className="w-full text-left text-sm" data-testid="requests-per-route">
      <thead className="text-xs text-muted-foreground">
        <tr>
          <th scope="col" className="py-2 pr-4 font-medium">Route</th>
          <th scope="col" className="w-1/2 py-2 pr-4 font-medium">Requests</th>
          <th scope="col" className="py-2 pr-4 font-medium">Errors</th>
          <th scope="col" className="py-2 font-medium">Mean latency</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-border">
        {routes.map((r) => (
          <tr key={r.route}>
            <td className="py-2 pr-4 font-mono text-xs whitespace-nowrap">{r.route}</td>
            <td className="py-2 pr-4">
              <div className="flex items-center gap-2">
                <div className="h-2 rounded bg-primary/70" style={{ width: `${Math.max(2, (r.requests / max) * 100)}%` }} aria-hidden="true" />
                <span className="tabular-nums">{r.requests}</span>
              </div>
            </td>
            <td className="py-2 pr-4 tabular-nums">{r.errors}</td>
            <td className="py-2 tabular-nums">{r.avgLatencyMs} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
