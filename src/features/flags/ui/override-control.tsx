"use client";
import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { formatValue } from "./format";
import { useFlagListCache } from "./use-flag-list-update";
import { ValueInput } from "@/components/ui/flag-value-input";

/** A staff member's override of this flag for themselves only (a signed cookie), to try it live. */
export function OverrideControl({ flagKey }: { flagKey: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const cache = useFlagListCache();
  const { data } = useSuspenseQuery(trpc.flags.list.queryOptions());
  const flag = data.flags.find((f) => f.key === flagKey)!;
  const [value, setValue] = useState<unknown>(flag.override ?? (flag.kind === "boolean" ? false : flag.default));
  const mutation = useMutation(
    trpc.flags.setOverride.mutationOptions({
      meta: { toast: false },
      onSuccess: (_data, input) => {
        toast({ title: input.value === null ? "Override cleared" : "Override set", description: input.value === null ? "You see what everyone like you sees." : "Only you see this value, for 12 hours or until you clear it.", variant: "success" });
        // Pages hydrate flags from the server: refresh so this tab picks up the new cookie.
        router.refresh();
      },
      onError: (error) => toast({ title: "Override not changed", description: describeClientError(error).message, variant: "error" }),
      onSettled: () => cache.settle(),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your override</CardTitle>
        <CardDescription>
          {flag.override === undefined ? "None: you get what the rules give you." : `You currently get ${formatValue(flag.override, flag.kind)}, whatever the rules say.`} Only you, only in this browser.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="override-value">Value</Label>
          <ValueInput id="override-value" def={flag} value={value} onChange={setValue} />
        </div>
        <Button variant="outline" disabled={mutation.isPending} onClick={() => mutation.mutate({ key: flag.key, value })}>
          Override for me
        </Button>
        {flag.override !== undefined ? (
          <Button variant="ghost" disabled={mutation.isPending} onClick={() => mutation.mutate({ key: flag.key, value: null })}>
            Clear
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
