import type { Metadata } from "next";
import type { ComponentType, SVGProps } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import {
  ArrowRightIcon,
  CardIcon,
  CheckIcon,
  ClockIcon,
  KeyIcon,
  MessageIcon,
  PulseIcon,
  UsersIcon,
} from "@/components/ui/icons";
import { SiteHeader } from "@/components/ui/site-header";

export const metadata: Metadata = {
  title: { absolute: "Groundwork — the SaaS foundation that already works" },
};

const FEATURES: Array<{ title: string; body: string; Icon: ComponentType<SVGProps<SVGSVGElement>> }> = [
  {
    title: "Accounts & workspaces",
    body: "Sign-up, sessions, two-factor and invitations, with every row scoped to its workspace.",
    Icon: UsersIcon,
  },
  {
    title: "Billing",
    body: "Plans, checkout and idempotent webhooks, with a local gateway so the whole flow runs offline.",
    Icon: CardIcon,
  },
  {
    title: "API keys",
    body: "Issue, scope and revoke keys for a versioned REST API with an OpenAPI description.",
    Icon: KeyIcon,
  },
  {
    title: "Feedback boards",
    body: "Posts, votes and statuses your users can see, updated optimistically as they click.",
    Icon: MessageIcon,
  },
  {
    title: "Realtime",
    body: "One publish call, delivered over Server-Sent Events or Pusher, fanned out through Postgres.",
    Icon: PulseIcon,
  },
  {
    title: "Background jobs",
    body: "Typed events and retried steps on Inngest, with outbox delivery after every commit.",
    Icon: ClockIcon,
  },
];

// Each hosted service has a local stand-in, so a fresh clone runs with no accounts or installs.
const LOCAL_STAND_INS: Array<[service: string, standIn: string]> = [
  ["Postgres", "embedded, real binaries"],
  ["Payments", "Stripe-shaped local gateway"],
  ["Email", "dev mailbox in the database"],
  ["Jobs", "local Inngest dev server"],
  ["Realtime", "Server-Sent Events"],
];

export default function LandingPage() {
  return (
    <>
      <SiteHeader compactBrand>
        <nav aria-label="Main" className="ml-auto flex items-center gap-2">
          <ButtonLink href="/pricing" variant="ghost" size="sm">
            Pricing
          </ButtonLink>
          {/* On a phone the hero's "Check system status" is the way there. */}
          <ButtonLink href="/status" variant="ghost" size="sm" className="max-sm:hidden">
            Status
          </ButtonLink>
          <ButtonLink href="/app" size="sm">
            Open the app
          </ButtonLink>
        </nav>
      </SiteHeader>
      <main id="main" className="flex-1">
        <Hero />
        <FeatureGrid />
      </main>
    </>
  );
}

function Hero() {
  return (
    <section aria-labelledby="hero-title" className="border-b border-border bg-linear-to-b from-muted to-background">
      <div className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-20 sm:px-6 sm:py-28 lg:grid-cols-[1fr_22rem]">
        <div>
          <p className="text-sm font-medium text-primary">Production-grade, not a template</p>
          <h1 id="hero-title" className="mt-3 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Groundwork — the SaaS foundation that already works
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-pretty text-muted-foreground">
            Accounts, billing, API keys, feedback, realtime and background jobs, built end to end on
            Next.js and Postgres. Every flow runs in a real browser against a real database, with the
            failure cases handled, so you start on the product instead of the plumbing.
          </p>
          <div className="mt-10 flex flex-wrap gap-3">
            <ButtonLink href="/app" size="lg">
              Open the app
              <ArrowRightIcon />
            </ButtonLink>
            <ButtonLink href="/status" variant="outline" size="lg">
              Check system status
            </ButtonLink>
          </div>
        </div>
        <StandInList />
      </div>
    </section>
  );
}

function StandInList() {
  return (
    <div className="rounded-xl border border-border bg-card p-6 shadow-sm">
      <h2 className="font-semibold">Runs on a fresh clone</h2>
      <p className="mt-1 text-sm text-muted-foreground">
        No accounts, no installs. The same code talks to the real services in production.
      </p>
      <ul className="mt-5 flex flex-col gap-3 text-sm">
        {LOCAL_STAND_INS.map(([service, standIn]) => (
          <li key={service} className="flex items-start gap-3">
            <CheckIcon className="mt-0.5 shrink-0 text-success" />
            <span>
              <span className="font-medium">{service}</span>
              <span className="text-muted-foreground"> — {standIn}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FeatureGrid() {
  return (
    <section aria-labelledby="features-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
      <h2 id="features-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
        Everything a SaaS needs on day one
      </h2>
      <p className="mt-3 max-w-2xl text-muted-foreground">
        Each capability works end to end, with tests, skeleton states and errors that tell people what
        to do next.
      </p>
      <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {FEATURES.map(({ title, body, Icon }) => (
          <li key={title} className="rounded-xl border border-border bg-card p-6 shadow-sm">
            <span className="grid size-10 place-items-center rounded-lg bg-primary/10 text-xl text-primary">
              <Icon />
            </span>
            <h3 className="mt-4 font-semibold">{title}</h3>
            <p className="mt-2 text-sm text-muted-foreground">{body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
