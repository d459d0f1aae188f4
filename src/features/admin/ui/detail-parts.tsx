import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ListCardSkeleton } from "@/components/ui/skeleton";

export const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");

type SectionProps = { title: string; description?: string; count: number; empty: { title: string; description: string }; children: ReactNode };

/** A titled card holding one list of the detail page; when it is empty, says what would be listed. */
export function Section({ title, description, count, empty, children }: SectionProps) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="p-6">{count === 0 ? <EmptyState compact {...empty} /> : <ul aria-label={title} className="flex flex-col divide-y divide-border text-sm">{children}</ul>}</CardContent>
    </Card>
  );
}

export function Row({ primary, secondary, aside }: { primary: ReactNode; secondary?: ReactNode; aside?: ReactNode }) {
  return (
    <li className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col">
        <span className="truncate">{primary}</span>
        {secondary ? <span className="truncate text-xs text-muted-foreground">{secondary}</span> : null}
      </div>
      {aside ? <div className="flex shrink-0 flex-wrap items-center gap-1 text-xs text-muted-foreground">{aside}</div> : null}
    </li>
  );
}

export function DetailSkeleton({ label }: { label: string }) {
  return (
    <div className="flex flex-col gap-6">
      <ListCardSkeleton label={label} rows={2} />
      <ListCardSkeleton label={label} rows={3} />
      <ListCardSkeleton label={label} rows={3} />
    </div>
  );
}
