/**
 * A trimmed text's length bounds and what to say outside them. The server's zod schema and a
 * form's zod-free check in the browser read the same rule, so both name the field the same way
 * (decision 041: zod's runtime stays off the pages).
 */
export type LengthRule = { readonly min: number; readonly max: number; readonly tooShort: string; readonly tooLong: string };

export function lengthError(value: string, rule: LengthRule): string | undefined {
  const length = value.trim().length;
  return length < rule.min ? rule.tooShort : length > rule.max ? rule.tooLong : undefined;
}
