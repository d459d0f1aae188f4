"use client";
import { useEffect, useState, type FormEvent } from "react";
import type { ZodType } from "zod";
import { useHydrated } from "@/components/ui/use-hydrated";
import { describeClientError } from "@/trpc/errors";

type Errors = Record<string, string | undefined>;

/**
 * Values, per-field errors and progress for a small form. With a schema (the server's), it runs
 * first; with `null` the server alone validates — public forms do that, so their pages don't
 * ship zod (decision 041). Either way server field errors land under the same fields; values
 * are kept on failure. After a failed submit, focus moves to the first invalid field so
 * keyboard users land on it. `ready` is false until React has hydrated the form: a submit before
 * then is the browser's own GET, which would put the fields (a password too) in the address.
 */
export function useForm<Field extends string, T = Record<Field, string>>(formId: string, schema: ZodType<T> | null, initial: Record<Field, string>) {
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
      const parsed = schema ? schema.safeParse(values) : { success: true as const, data: values as unknown as T };
      if (!parsed.success) {
        setErrors(firstErrors(issuesByField(parsed.error.issues)));
        setAttempt((n) => n + 1);
        return;
      }
      setErrors({});
      setPending(true);
      let navigating = false;
      try {
        navigating = (await action(parsed.data)) === true;
      } catch (error) {
        const { message, fieldErrors } = describeClientError(error);
        const byField = firstErrors(fieldErrors ?? {});
        setErrors(byField);
        const shownOnAField = Object.keys(byField).some((name) => name in values);
        if (!shownOnAField) setFormError(message);
        setAttempt((n) => n + 1);
      } finally {
        if (!navigating) setPending(false);
      }
    };
  }

  return { values, setValues, errors, formError, setFormError, pending, ready, field, onSubmit };
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
