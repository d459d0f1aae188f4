"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { recentRequestIds } from "@/lib/recent-requests";
import { trpcClient } from "@/trpc/vanilla";
import { useForm } from "@/trpc/use-form";
import { TextareaField } from "./textarea-field";

/** The page the visitor came from, when it was ours: /w/<slug>/… also names the workspace. */
function cameFrom(): { page?: string; workspaceSlug?: string } {
  try {
    const from = new URL(document.referrer);
    if (from.origin !== window.location.origin || from.pathname.startsWith("/support")) return {};
    const slug = /^\/(?:w|b)\/([a-z0-9-]+)/.exec(from.pathname)?.[1];
    return { page: from.pathname.slice(0, 500), ...(slug && slug !== "new" ? { workspaceSlug: slug } : {}) };
  } catch {
    return {};
  }
}

export function SupportForm({ signedInAs }: { signedInAs: { email: string; displayName: string } | null }) {
  // The server validates (its errors land under each field), so this page ships no zod (decision 041).
  // Signed in, the email field is hidden and the server uses the account's address.
  const form = useForm("support-form", null, { email: signedInAs?.email ?? "", name: "", subject: "", message: "", website: "" });
  const [sent, setSent] = useState(false);
  const submit = form.onSubmit(async (data) => {
    const context = signedInAs ? { ...cameFrom(), requestIds: recentRequestIds() } : {};
    await trpcClient.support.create.mutate({ ...data, ...context, email: signedInAs ? undefined : data.email });
    setSent(true);
  });
  if (sent) {
    return (
      <FormAlert tone="success">
        Thanks — we&apos;ve got your message and will answer by email{signedInAs ? " and on " : "."}
        {signedInAs ? <Link href="/support/requests" className="font-medium underline">your requests page</Link> : null}
        {signedInAs ? "." : null}
      </FormAlert>
    );
  }
  return (
    <form id="support-form" onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Contact support">
      <FormAlert>{form.formError}</FormAlert>
      {signedInAs ? (
        <p className="text-sm text-muted-foreground">
          Signed in as {signedInAs.email}. We&apos;ll attach your account, the page you came from, your recent requests and your browser, so you don&apos;t have to.
        </p>
      ) : (
        <>
          <TextField id="support-email" label="Your email" type="email" autoComplete="email" autoFocus {...form.field("email")} />
          <TextField id="support-name" label="Your name (optional)" autoComplete="name" {...form.field("name")} />
        </>
      )}
      <TextField id="support-subject" label="Subject" autoComplete="off" autoFocus={!!signedInAs} {...form.field("subject")} />
      <TextareaField id="support-message" label="How can we help?" {...form.field("message")} />
      {/* The honeypot: hidden from people and screen readers; bots that fill every field fill it. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="support-website">Website</label>
        <input id="support-website" name="website" tabIndex={-1} autoComplete="off" value={form.values.website} onChange={(e) => form.setValues((v) => ({ ...v, website: e.target.value }))} />
      </div>
      <Button type="submit" disabled={form.pending || !form.ready}>
        {form.pending ? "Sending…" : "Send to support"}
      </Button>
    </form>
  );
}
