"use client";
import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { ListCardSkeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { RULE_ATTRIBUTE_LABELS, RULE_ATTRIBUTES, type RuleAttribute } from "@/lib/flags/rule-attributes";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { FlagSummary, TargetingDto } from "../schemas";
import { StateBadge } from "./flags-table";
import type { AdminWrite } from "@/lib/admin-mode";
import { KillSwitchButton } from "./kill-switch";
import { useFlagListCache } from "./use-flag-list-update";
import { ValueInput } from "@/components/ui/flag-value-input";

type Draft = { enabled: boolean; rules: Array<{ id: string; attribute: RuleAttribute; values: string; serve: unknown }>; rollout: { on: boolean; percentage: string; by: "user" | "workspace"; serve: unknown }; fallthrough: unknown };

const onValue = (flag: FlagSummary) => (flag.kind === "boolean" ? true : flag.default);
function toDraft(flag: FlagSummary): Draft {
  const t = flag.targeting;
  return {
    enabled: t?.enabled ?? true,
    rules: (t?.rules ?? []).map((r) => ({ ...r, values: r.values.join("\n") })),
    rollout: { on: !!t?.rollout, percentage: String(t?.rollout?.percentage ?? 10), by: t?.rollout?.by ?? "user", serve: t?.rollout?.serve ?? onValue(flag) },
    fallthrough: t ? t.fallthrough : flag.default,
  };
}
function fromDraft(d: Draft): Omit<TargetingDto, "killed" | "killReason"> {
  return {
    enabled: d.enabled,
    rules: d.rules.map((r) => ({ id: r.id.trim(), attribute: r.attribute, values: r.values.split(/[\n,]/).map((v) => v.trim()).filter(Boolean), serve: r.serve })),
    rollout: d.rollout.on ? { percentage: Number(d.rollout.percentage), by: d.rollout.by, serve: d.rollout.serve } : null,
    fallthrough: d.fallthrough,
  };
}

/** The error paths the form draws: under a rule, the rollout percentage or the fallthrough, or above Save. */
const DRAWN_PATH = /^(rules\.\d+|rollout\.percentage|fallthrough|version|targeting)(\.|$)/;

/** Edit one flag's on/off, rules (first match wins), percentage rollout and fallthrough; errors appear at the field they name. */
export function FlagEditor({ flagKey, adminMutation }: { flagKey: string; adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.flags.list.queryOptions());
  const flag = data.flags.find((f) => f.key === flagKey)!;
  const [draft, setDraft] = useState(() => toDraft(flag));
  const [startedAt, setStartedAt] = useState(flag.version);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const cache = useFlagListCache();
  const save = useMutation(
    adminMutation(
      trpc.flags.update.mutationOptions({
        meta: { toast: false },
        onSuccess: (saved) => {
          setErrors({});
          setStartedAt(saved.version);
          setReason("");
          toast({ title: "Flag saved", description: "Every app process and open tab has it within seconds.", variant: "success" });
        },
        onError: (error) => {
          const { message, fieldErrors } = describeClientError(error);
          setErrors(fieldErrors ?? {});
          // An error drawn at its field is not toasted as well (it would read as two failures).
          if (!Object.keys(fieldErrors ?? {}).some((path) => DRAWN_PATH.test(path))) toast({ title: "Flag not saved", description: message, variant: "error" });
        },
        onSettled: () => cache.settle(),
      }),
    ),
  );
  const err = (path: string) => errors[path]?.[0] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1][0];
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setRule = (i: number, patch: Partial<Draft["rules"][number]>) => set({ rules: draft.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const addRule = (
    <Button variant="outline" size="sm" className="self-start" onClick={() => set({ rules: [...draft.rules, { id: `rule-${draft.rules.length + 1}`, attribute: "emailDomain", values: "", serve: onValue(flag) }] })}>
      Add rule
    </Button>
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ key: flag.key, version: startedAt, targeting: fromDraft(draft), reason: reason.trim() || undefined });
  }

  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <CardTitle className="flex items-center gap-2 font-mono">
            {flag.key} <StateBadge flag={flag} />
          </CardTitle>
          <KillSwitchButton flag={flag} adminMutation={adminMutation} />
        </div>
        <CardDescription>
          {flag.description} Owner {flag.owner}; remove by {flag.removeBy}.{flag.targeting?.killed ? ` Killed: ${flag.targeting.killReason ?? "no reason given"}.` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="flex flex-col gap-6" aria-label={`Targeting of ${flag.key}`}>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> On (off serves {flag.kind === "boolean" ? "off" : JSON.stringify(flag.off)} to everyone)
          </label>

          <fieldset className="flex flex-col gap-3">
            <legend className="mb-2 text-sm font-medium">Rules — first match wins</legend>
            {draft.rules.length === 0 ? (
              <EmptyState
                compact
                title="No rules"
                description="A rule serves its own value to chosen users, workspaces, plans, staff roles, email domains or a beta cohort; the first rule that matches wins. Without one, everyone gets the rollout or the fallthrough below."
                action={addRule}
              />
            ) : null}
            {draft.rules.map((rule, i) => (
              <div key={i} data-testid="rule" className="grid gap-2 rounded-md border border-border p-3 sm:grid-cols-[8rem_10rem_1fr_8rem_auto]">
                <div className="flex flex-col gap-1">
                  <Label htmlFor={`rule-${i}-id`}>Name</Label>
                  <Input id={`rule-${i}-id`} value={rule.id} onChange={(e) => setRule(i, { id: e.target.value })} aria-invalid={err(`rules.${i}.id`) ? true : undefined} />
                </div>
                <div className="flex flex-col gap-1">
                  <Label htmlFor={`rule-${i}-attribute`}>When</Label>
                  <Select id={`rule-${i}-attribute`} value={rule.attribute} onChange={(e) => setRule(i, { attribute: e.target.value as RuleAttribute })}>
                    {RULE_ATTRIBUTES.map((a) => (
                      <option key={a} value={a}>
                        {RULE_ATTRIBUTE_LABELS[a]}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="flex flex-col gap-1">
                  <Label htmlFor={`rule-${i}-values`}>is one of (one per line)</Label>
                  <textarea
                    id={`rule-${i}-values`}
                    rows={2}
                    value={rule.values}
                    onChange={(e) => setRule(i, { values: e.target.value })}
                    aria-invalid={err(`rules.${i}.values`) ? true : undefined}
                    aria-describedby={`rule-${i}-error`}
                    className="rounded-md border border-input bg-background px-2 py-1 text-sm aria-invalid:border-destructive"
                  />
                </div>
                <div className="flex flex-col gap-1">
                  <Label htmlFor={`rule-${i}-serve`}>Serve</Label>
                  <ValueInput id={`rule-${i}-serve`} def={flag} value={rule.serve} onChange={(serve) => setRule(i, { serve })} invalid={!!err(`rules.${i}.serve`)} />
                </div>
                <div className="flex items-end gap-1">
                  <Button variant="ghost" size="sm" disabled={i === 0} onClick={() => set({ rules: swap(draft.rules, i, i - 1) })} aria-label={`Move rule ${i + 1} up`}>
                    ↑
                  </Button>
                  <Button variant="ghost" size="sm" onClick={() => set({ rules: draft.rules.filter((_, j) => j !== i) })} aria-label={`Remove rule ${i + 1}`}>
                    Remove
                  </Button>
                </div>
                <FieldError id={`rule-${i}-error`} className="sm:col-span-5">
                  {err(`rules.${i}`)}
                </FieldError>
              </div>
            ))}
            {draft.rules.length > 0 ? addRule : null}
          </fieldset>

          <fieldset className="flex flex-col gap-3">
            <legend className="mb-2 text-sm font-medium">Percentage rollout — everyone past the rules</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.rollout.on} onChange={(e) => set({ rollout: { ...draft.rollout, on: e.target.checked } })} /> Roll out to a percentage
            </label>
            {draft.rollout.on ? (
              <div className="grid gap-2 sm:grid-cols-3">
                <div className="flex flex-col gap-1">
                  <Label htmlFor="rollout-percentage">Percentage</Label>
                  <Input id="rollout-percentage" type="number" min={0} max={100} step="0.01" value={draft.rollout.percentage} onChange={(e) => set({ rollout: { ...draft.rollout, percentage: e.target.value } })} aria-invalid={err("rollout.percentage") ? true : undefined} aria-describedby="rollout-percentage-error" />
                  <FieldError id="rollout-percentage-error">{err("rollout.percentage")}</FieldError>
                </div>
                <div className="flex flex-col gap-1">
                  <Label htmlFor="rollout-by">By</Label>
                  <Select id="rollout-by" value={draft.rollout.by} onChange={(e) => set({ rollout: { ...draft.rollout, by: e.target.value as "user" | "workspace" } })}>
                    <option value="user">user (same person, every device)</option>
                    <option value="workspace">workspace (a whole team together)</option>
                  </Select>
                </div>
                <div className="flex flex-col gap-1">
                  <Label htmlFor="rollout-serve">Serve</Label>
                  <ValueInput id="rollout-serve" def={flag} value={draft.rollout.serve} onChange={(serve) => set({ rollout: { ...draft.rollout, serve } })} />
                </div>
              </div>
            ) : null}
          </fieldset>

          <div className="flex flex-col gap-1 sm:max-w-xs">
            <Label htmlFor="fallthrough">Everyone else gets</Label>
            <ValueInput id="fallthrough" def={flag} value={draft.fallthrough} onChange={(fallthrough) => set({ fallthrough })} invalid={!!err("fallthrough")} describedBy="fallthrough-error" />
            <FieldError id="fallthrough-error">{err("fallthrough")}</FieldError>
          </div>

          <div className="flex flex-col gap-1 sm:max-w-md">
            <Label htmlFor="change-reason">Why (for the audit log, optional)</Label>
            <Input id="change-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </div>
          {errors.version || errors.targeting ? <p role="alert" className="text-sm text-destructive">{(errors.version ?? errors.targeting)![0]}</p> : null}
          <Button type="submit" className="self-start" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save targeting"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const copy = [...list];
  [copy[a], copy[b]] = [copy[b]!, copy[a]!];
  return copy;
}

export const FlagEditorSkeleton = () => <ListCardSkeleton label="Loading flag" rows={4} />;
