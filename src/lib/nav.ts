/**
 * Whether a navigation link points at the page being shown: its own path, or (unless `exact`)
 * any path under it. Index routes such as `/app` or `/w/<slug>` pass `exact`, or they would
 * light up on every child.
 */
export function isActivePath(pathname: string, href: string, exact = false): boolean {
  return pathname === href || (!exact && pathname.startsWith(`${href}/`));
}
