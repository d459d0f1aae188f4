import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type OneTimeCodeFieldProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  /** "totp": the 6 digits of an app; "recovery": a recovery code; "any": either. */
  accepts: "totp" | "recovery" | "any";
  label?: string;
  autoFocus?: boolean;
  disabled?: boolean;
};

const LABELS = { totp: "Code from your authenticator app", recovery: "Recovery code", any: "Code from your app, or a recovery code" };
const PLACEHOLDERS = { totp: "123456", recovery: "abcde-fghij", any: "123456" };

/** Numeric keyboard and one-time-code autofill for app codes; plain text for recovery codes. */
export function OneTimeCodeField({ id, value, onChange, error, accepts, label, autoFocus, disabled }: OneTimeCodeFieldProps) {
  const digitsOnly = accepts === "totp";
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label ?? LABELS[accepts]}</Label>
      <Input
        id={id}
        name="code"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={accepts === "recovery" ? "off" : "one-time-code"}
        inputMode={digitsOnly ? "numeric" : "text"}
        maxLength={digitsOnly ? 7 : 32}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        placeholder={PLACEHOLDERS[accepts]}
        autoFocus={autoFocus}
        disabled={disabled}
        className="max-w-56 font-mono tracking-widest"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`}>{error}</FieldError>
    </div>
  );
}
