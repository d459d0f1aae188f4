"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import type { AdminWrite } from "@/lib/admin-mode";
import { useTRPC } from "@/trpc/client";

/** Named beta cohorts: a rule "Beta cohort is one of beta-testers" matches their members. */
export function CohortsPanel({ adminMutation }: { adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.flags.cohorts.queryOptions());
  const [cohort, setCohort] = useState("beta");
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const key = trpc.flags.cohorts.queryKey();
  const settle = () => void queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation(
    adminMutation(
      trpc.flags.addCohortMember.mutationOptions({
        meta: { toast: false },
        onSuccess: () => {
          setEmail("");
          setErrors({});
          toast({ title: "Added to the cohort", variant: "success" });
        },
        onError: (error) => {
          const { message, fieldErrors } = describeClientError(error);
          setErrors(fieldErrors ?? { email: [message] });
        },
        onSettled: settle,
      }),
    ),
  );
  const remove = useMutation(
    adminMutation(
      trpc.flags.removeCohortMember.mutationOptions({
        meta: { toast: false },
        onMutate: async ({ cohort: name, userId }) => {
          await queryClient.cancelQueries({ queryKey: key });
          const previous = queryClient.getQueryData(key);
          queryClient.setQueryData(key, (old) => (old ? { cohorts: old.cohorts.map((c) => (c.name === name ? { ...c, members: c.members.filter((m) => m.userId !== userId) } : c)) } : old));
          return { previous };
        },
        onError: (error, _input, context) => {
          queryClient.setQueryData(key, context?.previous);
          toast({ title: "Not removed", description: `${describeClientError(error).message} They are back in the list.`, variant: "error" });
        },
        onSettled: settle,
      }),
    ),
  );
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ cohort: cohort.trim(), email: email.trim() });
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Beta cohorts</CardTitle>
        <CardDescription>Target a named group of people in a flag&apos;s rules.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-start" aria-label="Add to a cohort">
          <div className="flex flex-col gap-1">
            <Label htmlFor="cohort-name">Cohort</Label>
            <Input id="cohort-name" value={cohort} onChange={(e) => setCohort(e.target.value)} aria-invalid={errors.cohort ? true : undefined} aria-describedby="cohort-name-error" />
            <FieldError id="cohort-name-error">{errors.cohort?.[0]}</FieldError>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="cohort-email">Person&apos;s email</Label>
            <Input id="cohort-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={errors.email ? true : undefined} aria-describedby="cohort-email-error" />
            <FieldError id="cohort-email-error">{errors.email?.[0]}</FieldError>
          </div>
          <Button type="submit" variant="outline" className="sm:mt-5" disabled={add.isPending}>
            Add
          </Button>
        </form>
        {data.cohorts.length === 0 ? (
          <EmptyState compact title="No cohorts yet" description="A cohort is a named list of people (beta testers, say) that a flag's rule can target. Add the first person with the form above; the cohort is made with them." />
        ) : null}
        {data.cohorts.map((c) => (
          <div key={c.name} className="flex flex-col gap-1 text-sm">
            <span className="font-mono font-medium">{c.name}</span>
            <ul className="flex flex-wrap gap-2">
              {c.members.map((m) => (
                <li key={m.userId} className="flex items-center gap-1 rounded-full border border-border px-2 py-0.5">
                  {m.email}
                  <button type="button" className="text-muted-foreground hover:text-foreground" aria-label={`Remove ${m.email} from ${c.name}`} onClick={() => remove.mutate({ cohort: c.name, userId: m.userId })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
