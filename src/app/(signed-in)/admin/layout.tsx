import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { NavLink } from "@/components/ui/nav-link";
import { AdminModeDialog } from "@/features/admin/ui/admin-mode-dialog";
import { AdminModeIndicator } from "@/features/admin/ui/admin-mode-indicator";
import { getViewer } from "@/trpc/server";
import { ADMIN_SECTIONS } from "./sections";

/**
 * The staff console: staff only — anyone else gets a 404, so it isn't advertised. Procedures
 * check their own tier (staffProcedure); this layout only decides who sees the pages.
 */
export default async function AdminLayout({ children }: Readonly<{ children: ReactNode }>) {
  const viewer = await getViewer();
  if (!viewer?.staffRole) notFound();
  return (
    <div className="flex flex-col gap-6 lg:flex-row">
      <nav aria-label="Staff console" className="-mx-1 flex gap-1 overflow-x-auto px-1 lg:w-48 lg:shrink-0 lg:flex-col">
        <p className="hidden px-3 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase lg:block">Staff · {viewer.staffRole}</p>
        {ADMIN_SECTIONS.map((s) => (
          <NavLink key={s.href} href={s.href}>
            {s.label}
          </NavLink>
        ))}
        <AdminModeIndicator />
      </nav>
      <AdminModeDialog />
      <div className="flex min-w-0 flex-1 flex-col gap-6">{children}</div>
    </div>
  );
}
