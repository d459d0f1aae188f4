"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { ValueInput } from "@/components/ui/flag-value-input";
import { toast } from "@/components/ui/toast-store";
import { formatFlagValue } from "@/lib/flags/format-value";
import { FLAG_KEYS, flagDefinition, type FlagKey } from "@/lib/flags/registry";
import { describeFormError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { PreviewDto } from "../schemas";
import { usePreviewCache } from "./use-preview-list";

/** Inside a preview's Flags panel, loaded on demand when it is first opened (see preview-flags.tsx). */
export default function PreviewFlagList({ preview: p }: { open: boolean; preview: PreviewDto }) {
  return (
    <div className="flex flex-col gap-3 border-t border-border p-3">
      {p.driver === "github" ? (
        <p className="text-sm text-muted-foreground">
          Flag values reach previews on this machine only: a GitHub Actions preview runs on Vercel, where a change would need a redeploy.
        </p>
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            A value set here is served to everyone in this preview, above the flag&apos;s targeting. It applies on the preview&apos;s next page load: tabs already open keep
            the old value until reloaded.
          </p>
          <ul className="flex flex-col divide-y divide-border">
            {FLAG_KEYS.map((key) => (
              <PreviewFlagRow key={key} preview={p} flagKey={key} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function PreviewFlagRow({ preview: p, flagKey }: { preview: PreviewDto; flagKey: FlagKey }) {
  const trpc = useTRPC();
  const cache = usePreviewCache();
  const def = flagDefinition(flagKey);
  const current = Object.hasOwn(p.flags, flagKey) ? p.flags[flagKey] : undefined;
  const [draft, setDraft] = useState<unknown>(current ?? def.default);
  const [error, setError] = useState<string | null>(null);
  const name = p.branch ?? p.ref;
  const inputId = `preview-${p.id}-flag-${flagKey}`;
  const errorId = `${inputId}-error`;
  const mutation = useMutation(
    trpc.previews.setFlag.mutationOptions({
      meta: { toast: false },
      onMutate: async (input) => ({
        previous: await cache.patch(p.id, (x) => {
          const { [flagKey]: _old, ...rest } = x.flags;
          return { ...x, flags: input.value === null ? rest : { ...rest, [flagKey]: input.value } };
        }),
      }),
      onError: (err, _input, context) => {
        cache.restore(context?.previous);
        const { fieldErrors, toast: message } = describeFormError(err, ["value", "key"]);
        setError(fieldErrors.value ?? fieldErrors.key ?? null);
        if (message) toast({ title: `${flagKey} not changed in ${name}`, description: `${message} Nothing changed; try again.`, variant: "error" });
      },
      onSuccess: (r) =>
        toast({
          title: r.value === null ? `${flagKey} cleared in ${name}` : `${flagKey} is ${formatFlagValue(r.value, def.kind)} in ${name}`,
          description: r.value === null ? "Its targeting applies again from the preview's next page load." : "Reload the preview's open tabs to see it.",
          variant: "success",
        }),
      onSettled: () => cache.settle(),
    }),
  );
  const save = (value: unknown) => {
    setError(null);
    // The number and JSON inputs yield null or undefined for an empty or unparsable entry; null would mean "clear".
    if (value === undefined || value === null) return setError(`Enter a value for ${flagKey}`);
    mutation.mutate({ previewId: p.id, key: flagKey, value });
  };
  const clear = () => {
    setError(null);
    mutation.mutate({ previewId: p.id, key: flagKey, value: null });
  };
  const busy = mutation.isPending || p.state === "destroying";
  return (
    <li className="flex flex-col gap-2 py-2 sm:flex-row sm:items-end sm:justify-between" data-testid="preview-flag" data-flag={flagKey} data-set={current !== undefined}>
      <div className="flex min-w-0 flex-col gap-0.5">
        <label htmlFor={inputId} className="text-sm font-medium break-all">
          {flagKey}
        </label>
        <span className="text-xs text-muted-foreground">{def.description}</span>
        <span className="text-xs" data-testid="preview-flag-current">
          {current === undefined ? "Not set: its targeting applies" : `Set to ${formatFlagValue(current, def.kind)}`}
        </span>
        <FieldError id={errorId}>{error}</FieldError>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <ValueInput id={inputId} def={def} value={draft} onChange={setDraft} invalid={!!error} describedBy={error ? errorId : undefined} />
        <Button size="sm" variant="outline" onClick={() => save(draft)} disabled={busy} aria-label={`Set ${flagKey}`}>
          Set
        </Button>
        {current !== undefined ? (
          <Button size="sm" variant="ghost" onClick={clear} disabled={busy} aria-label={`Clear ${flagKey}`}>
            Clear
          </Button>
        ) : null}
      </div>
    </li>
  );
}
