/** One line of an audit entry's change: "Role: member → admin". `field` is null for a bare value. */
export type ChangeLine = { field: string | null; before: string | null; after: string | null };

/**
 * An audit entry's before/after JSON as lines a person can read — "Role: member → admin"
 * instead of two JSON blobs. Only fields that changed are listed; a field on one side only is
 * shown as added or removed.
 */
export function describeChange(before: unknown, after: unknown): ChangeLine[] {
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return fields
      .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
      .map((f) => ({ field: fieldLabel(f), before: f in b ? formatValue(b[f]) : null, after: f in a ? formatValue(a[f]) : null }));
  }
  if (before === undefined && after === undefined) return [];
  if (before === null && after === null) return [];
  return [{ field: null, before: before == null ? null : formatValue(before), after: after == null ? null : formatValue(after) }];
}

/** "userId" / "user_id" → "User id"; "monthlyApiRequests" → "Monthly api requests". */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number") return value.toLocaleString("en-US");
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(formatValue).join(", ");
  if (isRecord(value))
    return Object.entries(value)
      .map(([k, v]) => `${fieldLabel(k)}: ${formatValue(v)}`)
      .join("; ");
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
