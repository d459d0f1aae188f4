import "server-only";
import { workspaceActorFrom } from "@/features/workspaces/server/actor";
import { router } from "@/server/trpc/init";
import { staffActor } from "@/server/trpc/staff-actor";
import { adminWriteProcedure, authedProcedure, rateLimit, staffProcedure, workspaceProcedure } from "@/server/trpc/tiers";
import {
  billingOverview,
  cancelResult,
  changeResult,
  changeSubscriptionInput,
  creditGrantResult,
  grantCreditInput,
  invoiceList,
  invoicePreview,
  myBilling,
  planChoiceInput,
  staffBillingOutput,
  urlOutput,
  workspaceSlugInput,
} from "../schemas";
import { changeSubscription } from "./change-subscription";
import { getBillingOverview } from "./get-billing-overview";
import { getStaffBilling } from "./get-staff-billing";
import { grantCredit } from "./grant-credit";
import { listInvoices, listStaffInvoices } from "./list-invoices";
import { listMyBilling } from "./list-my-billing";
import { openPortal } from "./open-portal";
import { previewChange } from "./preview-change";
import { setCancelAtPeriodEnd } from "./set-cancel-at-period-end";
import { startCheckout } from "./start-checkout";

const asMember = workspaceActorFrom;

// Owners pay; admins can look. Every gateway-calling procedure is rate limited per user.
const admin = workspaceProcedure("admin");
const owner = workspaceProcedure("owner");
const gatewayLimit = rateLimit({ name: "billing-gateway", limit: 30, windowSeconds: 60 });
const changeLimit = rateLimit({ name: "billing-change", limit: 10, windowSeconds: 600 });

export const billingRouter = router({
  mine: authedProcedure.output(myBilling).query(({ ctx }) => listMyBilling(undefined, { userId: ctx.viewer.userId }, ctx.db)),
  overview: admin.output(billingOverview).query(({ input, ctx }) => getBillingOverview(input, asMember(ctx), ctx.db)),
  invoices: admin.use(gatewayLimit).output(invoiceList).query(({ input, ctx }) => listInvoices(input, asMember(ctx), ctx.db)),
  startCheckout: owner.use(changeLimit).input(planChoiceInput).output(urlOutput).mutation(({ input, ctx }) => startCheckout(input, asMember(ctx), ctx.db)),
  openPortal: owner.use(gatewayLimit).input(workspaceSlugInput).output(urlOutput).mutation(({ input, ctx }) => openPortal(input, asMember(ctx), ctx.db)),
  previewChange: owner.use(gatewayLimit).input(planChoiceInput).output(invoicePreview).query(({ input, ctx }) => previewChange(input, asMember(ctx), ctx.db)),
  changeSubscription: owner.use(changeLimit).input(changeSubscriptionInput).output(changeResult).mutation(({ input, ctx }) => changeSubscription(input, asMember(ctx), ctx.db)),
  cancel: owner.use(changeLimit).input(workspaceSlugInput).output(cancelResult).mutation(({ ctx }) => setCancelAtPeriodEnd({ cancel: true }, asMember(ctx), ctx.db)),
  resume: owner.use(changeLimit).input(workspaceSlugInput).output(cancelResult).mutation(({ ctx }) => setCancelAtPeriodEnd({ cancel: false }, asMember(ctx), ctx.db)),
});

/** Support's read-only view, and the one billing write staff may do: a credit (staff admins, in admin mode), through an intent. */
export const staffBillingRouter = router({
  workspace: staffProcedure("support").input(workspaceSlugInput).output(staffBillingOutput).query(({ input, ctx }) => getStaffBilling(input, { userId: ctx.viewer.userId }, ctx.db)),
  // Apart from `workspace`: it asks the gateway, and the ledger must stay readable when the gateway is down.
  invoices: staffProcedure("support").use(gatewayLimit).input(workspaceSlugInput).output(invoiceList).query(({ input, ctx }) => listStaffInvoices(input, { userId: ctx.viewer.userId }, ctx.db)),
  grantCredit: adminWriteProcedure("admin")
    .use(rateLimit({ name: "billing-credit", limit: 20, windowSeconds: 3600 }))
    .input(grantCreditInput)
    .output(creditGrantResult)
    .mutation(({ input, ctx }) => grantCredit(input, staffActor(ctx), ctx.db)),
});

