"use client";
import { useQuery } from "@tanstack/react-query";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/trpc/client";
import type { Member } from "../schemas";

/**
 * On the remove-member screen: how many API keys stop working when this person goes, and whom
 * to hand them to instead (the keys then act as, and are limited by the role of, that member).
 */
export function MemberKeysNotice({ workspaceSlug, member, others, transferTo, onTransferToChange }: { workspaceSlug: string; member: Member; others: Member[]; transferTo: string; onTransferToChange: (userId: string) => void }) {
  const trpc = useTRPC();
  const { data, isPending } = useQuery(trpc.apiKeys.countForMember.queryOptions({ workspaceSlug, userId: member.userId }));
  if (isPending) return <p className="text-sm text-muted-foreground" aria-busy="true">Checking their API keys…</p>;
  if (!data || data.count === 0) return null;
  return (
    <div className="flex flex-col gap-2 rounded-md border border-border bg-muted p-3 text-sm" data-testid="member-keys-notice">
      <p>
        {member.displayName} created <strong>{data.count} API {data.count === 1 ? "key" : "keys"}</strong> that will stop working when they leave, unless you hand {data.count === 1 ? "it" : "them"} to someone.
      </p>
      <div className="flex flex-col gap-1">
        <Label htmlFor="transfer-keys-to">Hand the keys to</Label>
        <Select id="transfer-keys-to" value={transferTo} onChange={(e) => onTransferToChange(e.target.value)}>
          <option value="">Nobody: let the keys stop</option>
          {others.map((m) => (
            <option key={m.userId} value={m.userId}>{m.displayName} ({m.role})</option>
          ))}
        </Select>
      </div>
    </div>
  );
}
