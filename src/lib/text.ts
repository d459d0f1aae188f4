import { z } from "zod";

/**
 * Characters a Postgres `text` column refuses (NUL; a lone UTF-16 surrogate, which has no UTF-8
 * form) and the C0 controls no form can type (tab, line feed and carriage return stay). Paired
 * surrogates (emoji) are one code point under the `u` flag and don't match.
 */
export const UNSTORABLE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]/u;

export const hasUnstorableCharacters = (value: string): boolean => UNSTORABLE_CHARACTERS.test(value);

export const unstorableMessage = (label: string) =>
  `${label} contains a character that can't be saved (a NUL, another control character or half of an emoji); remove it and try again`;

/**
 * Every text input's base schema, server and forms alike: `text("Title").trim().max(150)`.
 * Refuses what Postgres can't store with a message naming the field, instead of a 500.
 */
export const text = (label: string, opts: { required?: string } = {}) =>
  z.string({ error: opts.required ?? `${label} must be text` }).refine((value) => !hasUnstorableCharacters(value), { error: unstorableMessage(label), abort: true });

/** A workspace named by its slug in an input: `workspaceSlug` everywhere (tiers, billing, flags). */
export const workspaceSlugField = text("Workspace", { required: "Workspace is required" }).min(1, "Workspace is required").max(40, "Workspace slug is too long");
