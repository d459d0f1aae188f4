"use client";
import type { ReactNode } from "react";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

/** Label + control + hint + error, wired with aria-invalid/aria-describedby for whatever control it wraps. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: ReactNode; children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <div id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </div>
      ) : null}
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}

export const textareaClasses = cn(
  "min-h-24 w-full rounded-md border border-input bg-background px-3 py-2 text-sm text-foreground",
  "placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
  "aria-invalid:border-destructive",
);

/** First message per field, from a zod flatten or the server's fieldErrors. */
export const firstErrors = (fieldErrors: Record<string, string[] | undefined> | null | undefined) =>
  Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([k, v]) => [k, v?.[0]])) as Record<string, string | undefined>;
