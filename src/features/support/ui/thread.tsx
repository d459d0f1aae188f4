import { cn } from "@/lib/cn";

// UTC, so the server render and the browser agree.
export const supportTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

type Message = { id: string; kind: "customer" | "reply" | "note"; authorName: string; body: string; createdAt: Date };

/** A conversation, oldest first; internal notes (staff only) are marked as such. */
export function Thread({ messages }: { messages: Message[] }) {
  return (
    <ol className="flex flex-col gap-3" aria-label="Conversation">
      {messages.map((m) => (
        <li
          key={m.id}
          data-kind={m.kind}
          className={cn("rounded-lg border px-3 py-2 text-sm", m.kind === "reply" ? "border-primary/30 bg-primary/5" : m.kind === "note" ? "border-amber-500/40 bg-amber-500/10" : "border-border")}
        >
          <p className="mb-1 text-xs text-muted-foreground">
            {m.kind === "note" ? "Internal note · " : m.kind === "reply" ? "Support · " : ""}
            {m.authorName} · {supportTime.format(m.createdAt)} UTC
          </p>
          <p className="whitespace-pre-wrap">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
