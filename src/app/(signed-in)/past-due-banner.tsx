import Link from "next/link";
import { getQueryClient, trpc } from "@/trpc/server";

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** On every signed-in page, for owners of a workspace whose renewal payment failed. */
export async function PastDueBanner() {
  const mine = await getQueryClient().fetchQuery(trpc.billing.mine.queryOptions());
  const pastDue = mine.filter((w) => w.pastDue);
  if (pastDue.length === 0) return null;
  return (
    <div role="alert" data-testid="past-due-banner" className="border-b border-destructive/40 bg-destructive/10 px-4 py-2 text-center text-sm">
      {pastDue.map((w) => (
        <p key={w.slug}>
          Payment failed for <strong>{w.name}</strong>.{" "}
          {w.graceEndsAt ? `Pay by ${date.format(w.graceEndsAt)} to keep its plan. ` : ""}
          <Link className="font-medium underline" href={`/w/${w.slug}/billing`}>Fix billing</Link>
        </p>
      ))}
    </div>
  );
}
