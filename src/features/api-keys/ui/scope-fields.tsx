"use client";
import { API_KEY_SCOPES, roleAllowsScope, SCOPE_INFO, type ApiKeyScope } from "@/lib/api-scopes";
import { FieldError } from "@/components/ui/field-error";

/** Scope checkboxes; a scope the viewer's role can't grant is shown, disabled, with why. */
export function ScopeFields({ value, onChange, role, error, idPrefix }: { value: ApiKeyScope[]; onChange: (next: ApiKeyScope[]) => void; role: "owner" | "admin" | "member"; error?: string; idPrefix: string }) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? `${idPrefix}-scopes-error` : undefined}>
      <legend className="mb-1 text-sm font-medium">Scopes</legend>
      {API_KEY_SCOPES.map((scope) => {
        const allowed = roleAllowsScope(role, scope);
        const id = `${idPrefix}-scope-${scope.replace(":", "-")}`;
        return (
          <div key={scope} className="flex items-start gap-2 text-sm">
            <input
              id={id}
              type="checkbox"
              className="mt-0.5 size-4 accent-primary"
              checked={value.includes(scope)}
              disabled={!allowed}
              onChange={(e) => onChange(e.target.checked ? [...value, scope] : value.filter((s) => s !== scope))}
            />
            <label htmlFor={id} className="flex flex-col">
              <span className="font-mono">{scope}</span>
              <span className="text-muted-foreground">
                {SCOPE_INFO[scope].label}
                {allowed ? "" : ` (needs the ${SCOPE_INFO[scope].minimumRole} role)`}
              </span>
            </label>
          </div>
        );
      })}
      <FieldError id={`${idPrefix}-scopes-error`}>{error}</FieldError>
    </fieldset>
  );
}
