"use client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

/** The one moment a secret is visible: copy it now, it can't be shown again. */
export function SecretReveal({ secret, note, onDone }: { secret: string; note?: string; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-4">
      <p className="rounded-md border border-border bg-muted p-3 text-sm">
        Copy this key now. For your security it is shown <strong>only once</strong>; Groundwork stores only a hash of it. {note}
      </p>
      <div className="flex items-center gap-2">
        <code data-testid="new-api-key" className="min-w-0 flex-1 overflow-x-auto rounded-md border border-border bg-background px-3 py-2 font-mono text-sm whitespace-nowrap">
          {secret}
        </code>
        <CopyButton text={secret} label="Copy key" />
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone}>I&apos;ve copied it</Button>
      </div>
    </div>
  );
}
