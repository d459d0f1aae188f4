import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireViewer } from "@/trpc/server";

/**
 * Staff pages (support and up): anyone else gets a 404. Checked here, outside the pages'
 * loading states, so the 404 is a real 404 status rather than a streamed not-found page
 * (decision 042). The pages keep their own checks.
 */
export default async function StaffLayout({ children }: Readonly<{ children: ReactNode }>) {
  const viewer = await requireViewer();
  if (!viewer.staffRole) notFound();
  return children;
}
