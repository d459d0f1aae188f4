import type { Ctx } from "../context";
import type { Params } from "../form";
import type { Obj } from "../store";

/**
 * One API endpoint. `params` lists the top-level parameters it understands; anything else is
 * refused with Stripe's "Received unknown parameter" naming it (`expand` is always allowed).
 */
export type Route = {
  method: "GET" | "POST" | "DELETE";
  path: RegExp;
  params: readonly string[];
  run(ctx: Ctx, p: Params, match: string[]): Promise<Obj>;
};

/** An error answer whose side effects still commit (a declined payment attempt is recorded). */
export class CommittedError {
  constructor(readonly error: { status: number; body(): unknown }) {}
}

export const expandOf = (p: Params): string[] => {
  const e = p.expand;
  if (e === undefined) return [];
  return (Array.isArray(e) ? e : [e]).filter((x): x is string => typeof x === "string");
};
