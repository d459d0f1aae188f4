/** A flag value as staff read it: "on"/"off" for a boolean flag, JSON otherwise ("new", 5, {"a":1}). */
export const formatFlagValue = (value: unknown, kind: "boolean" | "string" | "number" | "json") => (kind === "boolean" ? (value ? "on" : "off") : JSON.stringify(value));
