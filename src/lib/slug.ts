/**
 * "Ada's Lab!" → "adas-lab": lowercase letters, digits and single dashes, no dash at either
 * end, at most `max` characters. Empty when the name has no letters or digits to keep.
 */
export function slugify(name: string, max = 40): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
}
