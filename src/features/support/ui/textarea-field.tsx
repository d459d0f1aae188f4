"use client";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

/** A multi-line TextField: label, textarea and error wired together. */
export function TextareaField({ id, name, label, value, onChange, error, rows = 6 }: { id: string; name: string; label: string; value: string; onChange: (value: string) => void; error?: string; rows?: number }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cn(
          "w-full min-w-0 rounded-md border border-input bg-background px-3 py-2 text-sm text-foreground",
          "placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
          "aria-invalid:border-destructive aria-invalid:focus-visible:outline-destructive",
        )}
      />
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}
