/** "23 h 5 min", "12 min", "less than a minute", "expired" — how long until `at`. */
export function formatTimeLeft(at: Date, now = new Date()): string {
  const ms = at.getTime() - now.getTime();
  if (ms <= 0) return "expired";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "less than a minute";
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
