"use client";
import { useEffect, useState, type FormEvent } from "react";
import type { ZodType } from "zod";
import { useHydrated } from "@/components/ui/use-hydrated";
import { describeFormError } from "@/trpc/errors";

type Errors = Record<string, string | undefined>;

/**
 * What runs in the browser before a submit: a zod schema (the server's); a zod-free function
 * giving a message per invalid field (`lengthError` rules the server's schema shares); or `null`,
 * the server alone. Pages whose forms use the last two ship no zod (decision 041).
 */
export type FormCheck<Field extends string, T> = ZodType<T> | ((values: Record<Field, string>) => Partial<Record<Field, string | undefined>>) | null;

/**
 * Values, per-field errors and progress for a small form. The check (see FormCheck) runs first;
 * server field errors land under the same fields; values are kept on failure. After a failed
 * submit, focus moves to the first invalid field so keyboard users land on it. `ready` is false
 * until React has hydrated the form: a submit before then is the browser's own GET, which would
 * put the fields (a password too) in the address.
 */
export function useForm<Field extends string, T = Record<Field, string>>(formId: string, schema: FormCheck<Field, T>, initial: Record<Field, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const ready = useHydrated();

  useEffect(() => {
    if (attempt > 0) document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, formId]);

  const field = (name: Field) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })),
  });

  /** `action` returns true to stay "pending" (the page is navigating away). */
  function onSubmit(action: (data: T) => Promise<boolean | void>) {
    return async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pending) return;
      setFormError(null);
      const parsed = check(schema, values);
      if (!parsed.success) {
        setErrors(parsed.errors);
        setAttempt((n) => n + 1);
        return;
      }
      setErrors({});
      setPending(true);
      let navigating = false;
      try {
        navigating = (await action(parsed.data)) === true;
      } catch (error) {
        const { fieldErrors, toast: message } = describeFormError(error, Object.keys(values) as Field[]);
        setErrors(fieldErrors);
        setFormError(message);
        setAttempt((n) => n + 1);
      } finally {
        if (!navigating) setPending(false);
      }
    };
  }

  return { values, setValues, errors, formError, setFormError, pending, ready, field, onSubmit };
}

function check<Field extends string, T>(schema: FormCheck<Field, T>, values: Record<Field, string>): { success: true; data: T } | { success: false; errors: Errors } {
  if (typeof schema === "function") {
    const errors: Errors = Object.fromEntries(Object.entries(schema(values) as Errors).filter(([, message]) => message));
    return Object.keys(errors).length > 0 ? { success: false, errors } : { success: true, data: values as unknown as T };
  }
  if (!schema) return { success: true, data: values as unknown as T };
  const parsed = schema.safeParse(values);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, errors: firstErrors(issuesByField(parsed.error.issues)) };
}

/** zod's flattenError, without importing zod's runtime here. */
function issuesByField(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const issue of issues) {
    const name = issue.path[0];
    if (typeof name === "string") (byField[name] ??= []).push(issue.message);
  }
  return byField;
}

function firstErrors(fieldErrors: Record<string, string[] | undefined>): Errors {
  return Object.fromEntries(Object.entries(fieldErrors).map(([name, messages]) => [name, messages?.[0]]));
}
