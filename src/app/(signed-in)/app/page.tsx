import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ArrowRightIcon, PulseIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Overview</h1>
      <p className="mt-2 max-w-2xl text-muted-foreground">
        Welcome to Groundwork. This is your workspace home: start by checking that every part of the
        system is up.
      </p>
      <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card className="group relative transition-colors focus-within:border-primary hover:border-primary">
          <CardHeader className="pb-6">
            <span className="mb-2 grid size-10 place-items-center rounded-lg bg-primary/10 text-xl text-primary">
              <PulseIcon />
            </span>
            <CardTitle>
              {/* The stretched link makes the whole card clickable while keeping one link to tab to. */}
              <Link
                href="/status"
                className="rounded-sm after:absolute after:inset-0 after:rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
              >
                System status
              </Link>
            </CardTitle>
            <CardDescription>Database, background jobs and realtime delivery, checked live.</CardDescription>
            <span className="mt-3 inline-flex items-center gap-1 text-sm font-medium text-primary" aria-hidden="true">
              View status
              <ArrowRightIcon className="transition-transform group-hover:translate-x-0.5" />
            </span>
          </CardHeader>
        </Card>
      </div>
    </>
  );
}
