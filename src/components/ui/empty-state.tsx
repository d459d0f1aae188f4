import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

type Props = {
  /** What the place is for, as a heading: "Your API keys live here". */
  title: string;
  /** One or two sentences: what appears here and how it gets here. */
  description: ReactNode;
  /** The first thing to do: a button or link. Optional where the viewer can't act (e.g. not an admin). */
  action?: ReactNode;
  icon?: ReactNode;
  /** Smaller padding, for a column or a popover. */
  compact?: boolean;
  className?: string;
};

/** Every empty data view: says what the place is for and offers the first action, not "No items." */
export function EmptyState({ title, description, action, icon, compact, className }: Props) {
  return (
    <div
      data-testid="empty-state"
      className={cn("flex flex-col items-center gap-2 rounded-xl border border-dashed border-border text-center", compact ? "px-3 py-4" : "px-6 py-10", className)}
    >
      {icon ? (
        <div className="flex size-10 items-center justify-center rounded-full bg-muted text-lg text-muted-foreground" aria-hidden="true">
          {icon}
        </div>
      ) : null}
      <p className={cn("font-medium text-foreground", compact ? "text-sm" : "text-base")}>{title}</p>
      <p className="max-w-prose text-sm text-muted-foreground">{description}</p>
      {action ? <div className="mt-2 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
