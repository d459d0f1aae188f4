"use client";
import { useState } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import type { BillingInterval, PlanId } from "@/lib/plans";
import { IntervalToggle, PlanCards } from "./plan-cards";
import { Select } from "@/components/ui/select";

type MyWorkspace = { slug: string; name: string; plan: PlanId; role: "owner" | "admin" | "member" };

/**
 * The public price list. Signed in, the plan of the viewer's first team workspace they own is
 * marked current and each card links to that workspace's billing page; signed out, to sign-up.
 */
export function PricingTable({ workspaces }: { workspaces: MyWorkspace[] | null }) {
  const [interval, setInterval] = useState<BillingInterval>("month");
  const owned = workspaces?.filter((w) => w.role === "owner") ?? [];
  const [slug, setSlug] = useState(owned[0]?.slug ?? null);
  const selected = owned.find((w) => w.slug === slug) ?? null;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <IntervalToggle value={interval} onChange={setInterval} />
        {owned.length > 1 ? (
          <label className="flex items-center gap-2 text-sm">
            Workspace
            <Select className="h-9" value={slug ?? ""} onChange={(e) => setSlug(e.target.value)}>
              {owned.map((w) => (
                <option key={w.slug} value={w.slug}>{w.name}</option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>
      {selected ? <p className="text-sm text-muted-foreground">Showing {selected.name}&apos;s current plan.</p> : null}
      <PlanCards
        interval={interval}
        current={selected?.plan ?? null}
        action={(plan) =>
          selected ? (
            selected.plan === plan ? null : (
              <ButtonLink className="w-full" href={`/w/${selected.slug}/billing`}>{plan === "free" ? "Manage billing" : `Choose ${plan === "pro" ? "Pro" : "Team"}`}</ButtonLink>
            )
          ) : (
            <ButtonLink className="w-full" href={workspaces ? "/w/new" : "/sign-up"} variant={plan === "pro" ? "primary" : "outline"}>
              {plan === "free" ? "Start free" : workspaces ? "Create a team workspace" : "Sign up"}
            </ButtonLink>
          )
        }
      />
    </div>
  );
}
