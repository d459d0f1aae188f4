"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { lengthError } from "@/lib/text-length";
import { PING_LABEL } from "../constants";
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
    // The server's check, run here first: most mistakes are caught before a request is made.
    const invalid = lengthError(label, PING_LABEL);
    if (invalid) return setError(invalid);
    setError(null);
    setLabel("");
    recordPing.mutate({ label: label.trim() });
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
