import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A native select styled like <Input> (chevron in globals.css): keyboard, screen reader and phone pickers for free. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "select-chevron h-10 min-w-0 rounded-md border border-input bg-background pl-3 text-sm text-foreground",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-50",
        "aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
