"use client";
import { useState } from "react";
import { Input } from "./input";
import { Select } from "./select";

/** What the input needs of a flag's definition: the registry's entries and the staff screens' DTOs both fit. */
export type FlagValueShape = { kind: "boolean" | "string" | "number" | "json"; variants?: readonly string[] | null; min?: number | null; max?: number | null };

type Props = { id: string; def: FlagValueShape; value: unknown; onChange: (value: unknown) => void; invalid?: boolean; describedBy?: string; label?: string };

/** An input for one value of a flag, shaped by its kind (on/off, a variant, a number, JSON). */
export function ValueInput({ id, def, value, onChange, invalid, describedBy, label }: Props) {
  const aria = { id, "aria-invalid": invalid || undefined, "aria-describedby": describedBy, "aria-label": label };
  const [text, setText] = useState(() => JSON.stringify(value));
  switch (def.kind) {
    case "boolean":
      return (
        <Select {...aria} value={value ? "on" : "off"} onChange={(e) => onChange(e.target.value === "on")}>
          <option value="on">on</option>
          <option value="off">off</option>
        </Select>
      );
    case "string":
      return (
        <Select {...aria} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {(def.variants ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </Select>
      );
    case "number":
      return <Input {...aria} type="number" min={def.min ?? undefined} max={def.max ?? undefined} value={String(value)} onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))} />;
    case "json":
      return (
        <Input
          {...aria}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            try {
              onChange(JSON.parse(e.target.value));
            } catch {
              onChange(undefined);
            }
          }}
        />
      );
  }
}
