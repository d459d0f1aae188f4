import { describeChange } from "@/lib/describe-change";

/** An audit entry's before/after as readable lines ("Role: member → admin"), or a dash. */
export function ChangeLines({ before, after }: { before: unknown; after: unknown }) {
  const lines = describeChange(before, after);
  if (lines.length === 0) return <span>—</span>;
  return (
    <ul className="flex flex-col gap-0.5" data-testid="audit-change">
      {lines.map((line, i) => (
        <li key={line.field ?? i}>
          {line.field ? <span className="text-foreground">{line.field}: </span> : null}
          {line.before !== null ? <del className="text-muted-foreground decoration-muted-foreground/60">{line.before}</del> : null}
          {line.before !== null && line.after !== null ? <span aria-hidden="true"> → </span> : null}
          {line.before !== null && line.after !== null ? <span className="sr-only"> changed to </span> : null}
          {line.after !== null ? <ins className="text-foreground no-underline">{line.after}</ins> : null}
          {line.before !== null && line.after === null ? <span className="text-muted-foreground"> (removed)</span> : null}
        </li>
      ))}
    </ul>
  );
}
