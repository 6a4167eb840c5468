import { TextField } from "../../components/text-field.tsx";

/** The field for a code from an authenticator app (or a recovery code where one is accepted). */
export function CodeField({
  label,
  value,
  onChange,
  error,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      label={label}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
