const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export const formatDate = (d: Date) => dateFormat.format(d);
export const formatDateTime = (d: Date) => `${timeFormat.format(d)} UTC`;

export { formatRelative } from "@/lib/format-relative";
