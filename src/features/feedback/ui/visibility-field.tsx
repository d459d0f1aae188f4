"use client";
import { Select } from "@/components/ui/select";
import { Field } from "./field";

export type BoardVisibility = "public" | "private";

/** The public/private choice, the same on the new-board form and in board settings. */
export function VisibilityField({ id, value, error, hint, onChange }: { id: string; value: BoardVisibility; error?: string; hint?: string; onChange: (value: BoardVisibility) => void }) {
  return (
    <Field id={id} label="Visibility" error={error} hint={hint}>
      {(aria) => (
        <Select {...aria} value={value} onChange={(e) => onChange(e.target.value as BoardVisibility)}>
          <option value="public">Public</option>
          <option value="private">Private (members only)</option>
        </Select>
      )}
    </Field>
  );
}
