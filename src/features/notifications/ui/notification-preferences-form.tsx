"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { toast } from "@/components/ui/toast-store";
import { useHydrated } from "@/components/ui/use-hydrated";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { NotificationPreferences } from "../schemas";

const SWITCHES: { key: keyof NotificationPreferences; label: string; hint: string }[] = [
  { key: "feedbackStatusEmail", label: "Email", hint: "An email when a post you voted for or wrote is planned, in progress, done or closed." },
  { key: "feedbackStatusInApp", label: "In the app", hint: "A notification under the bell for the same changes." },
];

/** Each switch saves at once (optimistically); a refused save flips it back and says so. */
export function NotificationPreferencesForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.notifications.preferences.queryKey();
  const { data } = useSuspenseQuery(trpc.notifications.preferences.queryOptions());
  // What the person just chose, shown at once: the cache update in onMutate comes a tick later,
  // and a controlled checkbox would flip back to the old value in between.
  // A tick before hydration would flip the box on screen and save nothing.
  const hydrated = useHydrated();
  const [chosen, setChosen] = useState<Partial<NotificationPreferences>>({});
  const forget = (k: keyof NotificationPreferences) => setChosen(({ [k]: _, ...rest }) => rest);
  const save = useMutation(
    trpc.notifications.updatePreferences.mutationOptions({
      meta: { toast: false },
      onMutate: async (patch) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData(key);
        queryClient.setQueryData(key, (old) => (old ? { ...old, ...definedOnly(patch) } : old));
        return previous;
      },
      onError: (error, _patch, previous) => {
        queryClient.setQueryData(key, previous);
        toast({ title: "Couldn't save that setting", description: `${describeClientError(error).message} It's back as it was; try again.`, variant: "error" });
      },
      onSuccess: (saved) => queryClient.setQueryData(key, saved),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Feedback you follow</CardTitle>
        <CardDescription>Posts you voted for or wrote. Sign-in, security and billing emails always arrive: they are about your account.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-border">
          {SWITCHES.map((s) => (
            <li key={s.key} className="flex items-start justify-between gap-4 py-3">
              <label htmlFor={`pref-${s.key}`} className="flex flex-col gap-0.5 text-sm">
                <span className="font-medium">{s.label}</span>
                <span className="text-muted-foreground">{s.hint}</span>
              </label>
              <input
                id={`pref-${s.key}`}
                type="checkbox"
                role="switch"
                className="mt-1 size-5 shrink-0 accent-primary"
                disabled={!hydrated}
                checked={chosen[s.key] ?? data[s.key]}
                onChange={(e) => {
                  setChosen((c) => ({ ...c, [s.key]: e.target.checked }));
                  save.mutate({ [s.key]: e.target.checked }, { onSettled: () => forget(s.key) });
                }}
              />
            </li>
          ))}
        </ul>
        <p role="status" className="min-h-5 text-sm text-muted-foreground" data-testid="preferences-status">
          {save.isPending ? "Saving…" : save.isSuccess ? "Saved" : null}
        </p>
      </CardContent>
    </Card>
  );
}

/** The switches a mutation's input changes (it also carries a clientMutationId). */
function definedOnly(patch: Partial<Record<keyof NotificationPreferences, boolean>>): Partial<NotificationPreferences> {
  return Object.fromEntries(SWITCHES.filter((s) => typeof patch[s.key] === "boolean").map((s) => [s.key, patch[s.key]]));
}
