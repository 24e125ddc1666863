import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useFetcher, type FetcherWithComponents } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, isFailure } from "~/lib/ui/forms";

type ReauthAnswer =
  | { ok: true }
  | { ok: false; formError: string; fieldErrors: Record<string, string>; signedOut?: boolean };

/**
 * The dialog's state: opened when an action answers "reauth.required"; once the password is
 * accepted it closes and submits the remembered form again (signed out: back to sign-in).
 */
function useReauthRetry(actionData: ActionResult | undefined) {
  const fetcher = useFetcher<ReauthAnswer>();
  const lastForm = useRef<HTMLFormElement | null>(null);
  const handled = useRef<unknown>(null);
  const [opened, setOpened] = useState(false);

  useEffect(() => {
    if (isFailure(actionData) && actionData.formError === "reauth.required") setOpened(true);
  }, [actionData]);

  useEffect(() => {
    const answer = fetcher.data;
    if (fetcher.state !== "idle" || !answer || handled.current === answer) return;
    handled.current = answer;
    if (answer.ok) {
      setOpened(false);
      lastForm.current?.requestSubmit();
    } else if (answer.signedOut) {
      window.location.assign("/login");
    }
  }, [fetcher.state, fetcher.data]);

  const rememberForm = (event: FormEvent) => {
    // The dialog's own form bubbles here too (React events cross portals).
    const form = event.target;
    if (form instanceof HTMLFormElement && !form.hasAttribute("data-reauth")) {
      lastForm.current = form;
    }
  };
  return { fetcher, opened, close: () => setOpened(false), rememberForm };
}

function ReauthDialog({
  fetcher,
  opened,
  onClose,
  twoFactor,
}: {
  fetcher: FetcherWithComponents<ReauthAnswer>;
  opened: boolean;
  onClose: () => void;
  twoFactor: boolean;
}) {
  const { t } = useTranslation();
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data : undefined;
  return (
    // No scroll lock: it injects a <style> tag without the CSP nonce (decision 014).
    <Modal opened={opened} onClose={onClose} title={t("reauth.title")} centered lockScroll={false}>
      <fetcher.Form method="post" action="/reauth" data-reauth>
        <Stack>
          <Text size="sm">{t("reauth.help")}</Text>
          <FormError message={failure ? t(failure.formError) : undefined} />
          <PasswordInput
            name="password"
            label={t("fields.password")}
            autoComplete="current-password"
            data-autofocus
          />
          {twoFactor && (
            <TextInput
              name="code"
              label={t("reauth.orCode")}
              autoComplete="one-time-code"
              inputMode="numeric"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button type="submit" loading={fetcher.state !== "idle"}>
              {t("reauth.confirm")}
            </Button>
          </Group>
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/**
 * Wraps the forms of a page whose actions may answer "reauth.required" (401): it asks for the
 * password (or a second-factor code) in a dialog, then submits the same form again, so
 * nothing typed is lost.
 */
export function ReauthGuard({
  actionData,
  twoFactor,
  children,
}: {
  actionData: ActionResult | undefined;
  twoFactor: boolean;
  children: ReactNode;
}) {
  const { fetcher, opened, close, rememberForm } = useReauthRetry(actionData);
  return (
    <div onSubmitCapture={rememberForm}>
      {children}
      <ReauthDialog fetcher={fetcher} opened={opened} onClose={close} twoFactor={twoFactor} />
    </div>
  );
}
