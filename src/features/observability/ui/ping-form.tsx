"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { recordPingInput } from "../schemas";
import { useRecordPing } from "./use-record-ping";

export function PingForm() {
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const recordPing = useRecordPing({
    onFailure: (failedLabel, fieldError) => {
      setLabel(failedLabel);
      setError(fieldError);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    // Same schema as the server: most mistakes are caught before a request is made.
    const parsed = recordPingInput.safeParse({ label });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the label");
      return;
    }
    setError(null);
    setLabel("");
    recordPing.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2">
      <Label htmlFor="ping-label">Label</Label>
      <div className="flex gap-2">
        <Input
          id="ping-label"
          name="label"
          value={label}
          maxLength={200}
          placeholder="e.g. Deploy check after release"
          onChange={(e) => setLabel(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "ping-label-error" : undefined}
        />
        <Button type="submit">Send ping</Button>
      </div>
      <FieldError id="ping-label-error">{error}</FieldError>
    </form>
  );
}
