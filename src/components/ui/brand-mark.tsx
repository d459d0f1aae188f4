/** The product logo and name, for use inside a link. */
export function BrandMark() {
  return (
    <>
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-md bg-primary text-sm font-bold text-primary-foreground"
      >
        G
      </span>
      Groundwork
    </>
  );
}

export const brandLinkClasses =
  "flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring";
