import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export type FieldErrorProps = {
  /** Referenced by the field's `aria-describedby`, so screen readers read the error with the field. */
  id: string;
  children?: ReactNode;
  className?: string;
};

/** Renders nothing without a message, so callers can pass the error straight through. */
export function FieldError({ id, children, className }: FieldErrorProps) {
  if (!children) return null;
  return (
    <p id={id} className={cn("text-sm text-destructive", className)}>
      {children}
    </p>
  );
}
