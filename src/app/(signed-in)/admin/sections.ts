/** The staff console's sections, in nav order; each new /admin area adds itself here. */
export const ADMIN_SECTIONS: ReadonlyArray<{ href: string; label: string }> = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/workspaces", label: "Workspaces" },
  { href: "/admin/support", label: "Support inbox" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/security", label: "Security rules" },
  { href: "/admin/flags", label: "Feature flags" },
  { href: "/admin/previews", label: "Previews" },
  { href: "/staff/jobs", label: "Jobs" },
];
