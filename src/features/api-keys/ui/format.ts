const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export const formatDate = (d: Date) => dateFormat.format(d);
export const formatDateTime = (d: Date) => `${timeFormat.format(d)} UTC`;

/** "just now", "5 minutes ago", then the date: last-used times read at a glance. */
export function formatRelative(d: Date, now = Date.now()): string {
  const seconds = Math.round((now - d.getTime()) / 1000);
  if (seconds < 60) return "Just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return formatDate(d);
}
