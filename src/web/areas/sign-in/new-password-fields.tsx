import type { ChangeEvent } from "react";
import { TextField } from "../../components/text-field.tsx";

export const MIN_PASSWORD_LENGTH = 12;

/** What is wrong with a new password and its repetition before asking the server (which checks strength). */
export function newPasswordProblems(
  password: string,
  confirm: string,
): { password?: string; confirm?: string } {
  return {
    ...(password.length < MIN_PASSWORD_LENGTH
      ? { password: `Use at least ${MIN_PASSWORD_LENGTH} characters.` }
      : {}),
    ...(confirm !== password ? { confirm: "The two passwords differ." } : {}),
  };
}

export interface NewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPassword(event: ChangeEvent<HTMLInputElement>): void;
  onConfirm(event: ChangeEvent<HTMLInputElement>): void;
  errors: { password?: string | undefined; confirm?: string | undefined };
  autoFocus?: boolean;
}

/** A new password, typed twice. */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
  autoFocus,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
        value={password}
        onChange={onPassword}
        error={errors.password}
      />
      <TextField
        label="Repeat the password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={onConfirm}
        error={errors.confirm}
      />
    </>
  );
}
