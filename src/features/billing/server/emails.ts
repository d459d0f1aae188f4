import "server-only";
import { PLANS, type PlanId } from "@/lib/plans";
import { env } from "@/server/env";
import { renderEmail } from "@/server/mail/render";

const billingUrl = (slug: string) => new URL(`/w/${slug}/billing`, env.APP_URL).toString();
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "soon");

type Ctx = { to: string; workspace: { slug: string; name: string }; plan: PlanId; graceEndsAt: Date | null };

export function billingEmail(kind: "grace_started" | "recovered" | "downgraded", ctx: Ctx) {
  const plan = PLANS[ctx.plan].name;
  const action = { label: "Open billing", url: billingUrl(ctx.workspace.slug) };
  const parts =
    kind === "grace_started"
      ? {
          subject: `Payment failed for ${ctx.workspace.name}`,
          heading: "We couldn't charge your card",
          paragraphs: [
            `The renewal of ${ctx.workspace.name}'s ${plan} plan failed.`,
            `Update the payment method or pay the invoice by ${day(ctx.graceEndsAt)} to keep the ${plan} plan; after that the workspace moves to Free (nothing is deleted, but adding members, boards and API usage past Free's limits stops).`,
          ],
        }
      : kind === "recovered"
        ? { subject: `Payment received for ${ctx.workspace.name}`, heading: "You're all set", paragraphs: [`Thanks — the payment went through and ${ctx.workspace.name} stays on the ${plan} plan.`] }
        : {
            subject: `${ctx.workspace.name} moved to the Free plan`,
            heading: "Your plan was downgraded",
            paragraphs: [
              `We couldn't collect payment for ${ctx.workspace.name}'s ${plan} plan within the grace period, so it now has the Free plan's limits. Nothing was deleted.`,
              `Paying the open invoice restores the ${plan} plan at once.`,
            ],
          };
  return { to: ctx.to, ...renderEmail({ ...parts, action }) };
}

export function usageEmail(ctx: { to: string; workspace: { slug: string; name: string }; plan: PlanId; percent: 80 | 100; included: number }) {
  const plan = PLANS[ctx.plan];
  const tail =
    plan.overageCentsPer1000 === null
      ? ctx.percent === 100
        ? "API requests are refused until the month ends or an owner upgrades."
        : "At 100% API requests are refused until the month ends or an owner upgrades."
      : `Requests past it are billed at $${(plan.overageCentsPer1000 / 100).toFixed(2)} per 1,000 on the next invoice.`;
  return {
    to: ctx.to,
    ...renderEmail({
      subject: `${ctx.workspace.name} has used ${ctx.percent}% of its API requests`,
      heading: `${ctx.percent}% of included API requests used`,
      paragraphs: [`${ctx.workspace.name} has used ${ctx.percent}% of the ${ctx.included.toLocaleString("en-US")} API requests the ${plan.name} plan includes this month.`, tail],
      action: { label: "See usage", url: billingUrl(ctx.workspace.slug) },
    }),
  };
}
