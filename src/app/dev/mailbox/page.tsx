import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Fragment, type ReactNode } from "react";
import { SiteHeader } from "@/components/ui/site-header";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { listDevMailbox } from "@/server/mail/dev-mailbox";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };
export const dynamic = "force-dynamic";

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** The plain-text body with its links clickable; the stored HTML is never injected. */
function linkify(text: string): ReactNode[] {
  return text.split(URL_PATTERN).map((part, i) =>
    i % 2 === 1 ? (
      <a key={i} href={part} className="break-all text-primary underline underline-offset-2">
        {part}
      </a>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}

/** Dev tool (DEV_TOOLS=1 only): every email the app sent while SMTP is not configured. */
export default async function DevMailboxPage() {
  if (!env.DEV_TOOLS) notFound();
  const messages = await listDevMailbox(db);
  return (
    <>
      <SiteHeader brandHref="/" />
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-10 sm:px-6">
        <h1 className="text-2xl font-semibold tracking-tight">Dev mailbox</h1>
        <p className="mt-1 text-sm text-muted-foreground">Emails sent while SMTP_URL is unset, newest first (latest 100). Reload to see new ones.</p>
        {messages.length === 0 ? (
          <p className="mt-8 text-sm text-muted-foreground">No emails yet. Sign up or ask for a password reset to send one.</p>
        ) : (
          <ol className="mt-8 flex flex-col gap-4">
            {messages.map((mail) => (
              <li key={mail.id} data-testid="mail" className="rounded-xl border border-border bg-card p-4 shadow-sm">
                <article aria-labelledby={`mail-${mail.id}`}>
                  <h2 id={`mail-${mail.id}`} className="font-semibold">
                    {mail.subject}
                  </h2>
                  <p className="mt-1 text-sm text-muted-foreground">
                    To <span data-testid="mail-to" className="font-medium text-foreground">{mail.to}</span> · {time.format(mail.createdAt)} UTC
                  </p>
                  <pre className="mt-3 font-sans text-sm whitespace-pre-wrap">{linkify(mail.text)}</pre>
                </article>
              </li>
            ))}
          </ol>
        )}
      </main>
    </>
  );
}
