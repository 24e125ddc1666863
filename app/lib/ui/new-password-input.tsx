import { PasswordInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SchemaFieldProps } from "./forms";

/**
 * The server's strength check while typing: its dictionaries (~1.6 MB) load on demand, on
 * the pages that set a password only, once a password is long enough to be checked at all.
 */
function useStrengthHint(password: string, person: { name: string; email: string }) {
  const [hint, setHint] = useState<string | null>(null);
  useEffect(() => {
    if (password.length < 10) {
      setHint(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void import("~/lib/password-strength").then(({ passwordStrength, personalInputs }) => {
        if (current) setHint(passwordStrength(password, personalInputs(person)).reason);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, person]);
  return hint;
}

/**
 * A new password's input (change password, accept an invitation): the rules as its
 * description, the schema's error or else the strength check's as its error.
 */
export function NewPasswordInput({
  label,
  password,
  person,
  field,
}: {
  label: string;
  /** The value typed so far (the form's watch). */
  password: string;
  person: { name: string; email: string };
  field: SchemaFieldProps;
}) {
  const { t } = useTranslation();
  const hint = useStrengthHint(password, person);
  return (
    <PasswordInput
      label={label}
      description={t("settings.passwordRules")}
      autoComplete="new-password"
      {...field}
      error={field.error ?? (hint ? t(hint) : undefined)}
      aria-invalid={field["aria-invalid"] ?? (hint ? true : undefined)}
    />
  );
}
