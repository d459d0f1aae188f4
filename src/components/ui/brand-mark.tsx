/**
 * The product logo and name, for use inside a link. `compact` drops the name below 640 px,
 * where a signed-in header needs the room (give the link an aria-label then).
 */
export function BrandMark({ compact = false }: { compact?: boolean }) {
  return (
    <>
      <span
        aria-hidden="true"
        className="grid size-7 shrink-0 place-items-center rounded-md bg-primary text-sm font-bold text-primary-foreground"
      >
        G
      </span>
      <span className={compact ? "hidden sm:inline" : undefined}>Groundwork</span>
    </>
  );
}

export const brandLinkClasses =
  "flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring";
