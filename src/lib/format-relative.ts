const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** "Just now", "5 min ago", "3 h ago", then the date: times read at a glance. */
export function formatRelative(d: Date, now = Date.now()): string {
  const seconds = Math.round((now - d.getTime()) / 1000);
  if (seconds < 60) return "Just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return dateFormat.format(d);
}
