import { Button, Group, Stack } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getEnv } from "~/lib/env.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireOwn } from "~/lib/session.server";
import { CertificateView } from "~/modules/learning";
import { getMyCertificate } from "~/modules/learning/index.server";

const paramsSchema = z.object({ certificateId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return runLoader(async () => {
    const certificate = await getMyCertificate(
      user.id,
      parseWith(paramsSchema, params).certificateId,
    );
    const origin = getEnv().APP_ORIGIN ?? new URL(request.url).origin;
    return { certificate, verifyUrl: `${origin}/verify/${certificate.code}` };
  });
}

export default function CertificatePage() {
  const { t } = useTranslation();
  const { certificate, verifyUrl } = useLoaderData<typeof loader>();
  return (
    <Stack maw={820}>
      <Group justify="space-between" className="no-print">
        <TextLink to="/certificates" size="sm">
          ← {t("nav.certificates")}
        </TextLink>
        <Group>
          <Button component={Link} to={`/verify/${certificate.code}`} variant="default">
            {t("certificates.verifyPage")}
          </Button>
          <Button onClick={() => window.print()}>{t("certificates.print")}</Button>
        </Group>
      </Group>
      <CertificateView certificate={certificate} verifyUrl={verifyUrl} />
    </Stack>
  );
}
