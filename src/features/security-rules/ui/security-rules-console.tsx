"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { ListCardSkeleton } from "@/components/ui/skeleton";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { toast } from "@/components/ui/toast-store";
import { useTRPC } from "@/trpc/client";
import { describeClientError, describeFormError } from "@/trpc/errors";
import { SECURITY_RULE_KIND_LABELS, SECURITY_RULE_KIND_VALUES, type SecurityRuleKindValue } from "../constants";
import type { AdminWrite } from "@/lib/admin-mode";

/** Wraps a write's mutation options so it asks for admin mode and retries (app/ passes the admin console's). */

/** Rules by kind; adding and removing need admin mode and apply in every process within a second. */
export function SecurityRulesConsole({ adminMutation }: { adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.securityRules.list.queryKey();
  const rules = useQuery(trpc.securityRules.list.queryOptions());
  type List = NonNullable<typeof rules.data>;

  const remove = useMutation(
    adminMutation(
      trpc.securityRules.remove.mutationOptions({
        meta: { toast: false },
        onMutate: async ({ id }) => {
          await queryClient.cancelQueries({ queryKey: key });
          const before = queryClient.getQueryData<List>(key);
          if (before) queryClient.setQueryData<List>(key, { ...before, rules: before.rules.filter((r) => r.id !== id) });
          return { before };
        },
        onError: (error, _input, context) => {
          if (context?.before) queryClient.setQueryData(key, context.before);
          toast({ title: "The rule is back", description: describeClientError(error).message, variant: "error" });
        },
        onSuccess: () => toast({ title: "Rule removed", description: "Every process stops enforcing it within a second.", variant: "success" }),
        onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
      }),
    ),
  );

  if (rules.isPending) return <ListCardSkeleton label="Loading security rules" rows={5} />;
  if (rules.isError) return <p role="alert" className="text-sm">{describeClientError(rules.error).message}</p>;
  return (
    <div className="flex flex-col gap-6">
      <AddRuleForm adminMutation={adminMutation} />
      {SECURITY_RULE_KIND_VALUES.map((kind) => {
        const ofKind = rules.data.rules.filter((r) => r.kind === kind);
        return (
          <Card key={kind} data-testid={`rules-${kind}`}>
            <CardHeader>
              <CardTitle as="h2">{SECURITY_RULE_KIND_LABELS[kind].title}</CardTitle>
              <CardDescription>
                {SECURITY_RULE_KIND_LABELS[kind].help}
                {kind === "blocked_email_domain" ? ` Also always blocked: ${rules.data.disposableDomains.length} disposable-mail domains (${rules.data.disposableDomains.slice(0, 4).join(", ")}, …).` : ""}
              </CardDescription>
            </CardHeader>
            <CardContent>
              {ofKind.length === 0 ? (
                <p className="text-sm text-muted-foreground">None yet.</p>
              ) : (
                <ul className="divide-y divide-border">
                  {ofKind.map((r) => (
                    <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span className="text-sm">
                        <span className="font-mono">{r.value}</span>
                        {r.kind === "link_domain" ? <span className="ml-2 text-xs text-muted-foreground">{r.action === "hold" ? "held for review" : "refused"}</span> : null}
                        {r.note ? <span className="ml-2 text-xs text-muted-foreground">— {r.note}</span> : null}
                      </span>
                      <Button size="sm" variant="ghost" aria-label={`Remove ${r.value}`} onClick={() => remove.mutate({ id: r.id })}>
                        Remove
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}

function AddRuleForm({ adminMutation }: { adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<SecurityRuleKindValue>("blocked_email_domain");
  const [value, setValue] = useState("");
  const [action, setAction] = useState<"refuse" | "hold">("refuse");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const add = useMutation(
    adminMutation(
      trpc.securityRules.add.mutationOptions({
        meta: { toast: false },
        onSuccess: (rule) => {
          setValue("");
          setNote("");
          toast({ title: `Added ${rule.value}`, description: "Every process enforces it within a second.", variant: "success" });
          return queryClient.invalidateQueries({ queryKey: trpc.securityRules.list.queryKey() });
        },
        onError: (error) => {
          const { fieldErrors, toast: message } = describeFormError(error, ["value", "note"]);
          setErrors({ ...fieldErrors, form: message ?? undefined });
        },
      }),
    ),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Add a rule</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          id="add-rule-form"
          aria-label="Add a rule"
          noValidate
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            setErrors({});
            add.mutate({ kind, value, action: kind === "link_domain" ? action : "refuse", note: note || undefined });
          }}
        >
          <FormAlert>{errors.form}</FormAlert>
          <div className="flex flex-col gap-2">
            <label htmlFor="rule-kind" className="text-sm font-medium">Kind</label>
            <Select id="rule-kind" value={kind} onChange={(e) => setKind(e.target.value as SecurityRuleKindValue)}>
              {SECURITY_RULE_KIND_VALUES.map((k) => (
                <option key={k} value={k}>{SECURITY_RULE_KIND_LABELS[k].title}</option>
              ))}
            </Select>
          </div>
          <TextField id="rule-value" name="value" label="Value" autoComplete="off" value={value} onChange={setValue} error={errors.value} hint={`For example ${SECURITY_RULE_KIND_LABELS[kind].placeholder}`} />
          {kind === "link_domain" ? (
            <div className="flex flex-col gap-2">
              <label htmlFor="rule-action" className="text-sm font-medium">Posts linking there are</label>
              <Select id="rule-action" value={action} onChange={(e) => setAction(e.target.value as "refuse" | "hold")}>
                <option value="refuse">Refused</option>
                <option value="hold">Held for review</option>
              </Select>
            </div>
          ) : null}
          <TextField id="rule-note" name="note" label="Why (kept in the audit log)" autoComplete="off" value={note} onChange={setNote} error={errors.note} />
          <Button type="submit" disabled={add.isPending} className="self-start">
            {add.isPending ? "Adding…" : "Add rule"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
