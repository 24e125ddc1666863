import { getDb } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { certificateExpired } from "./enrolment-status";

/** My certificates, newest first, each with whether it has expired. */
export async function listMyCertificates(userId: string, now = new Date()) {
  const rows = await getDb().certificate.findMany({
    where: { userId },
    orderBy: { issuedAt: "desc" },
    take: 200,
    select: {
      id: true,
      courseTitle: true,
      versionNumber: true,
      issuedAt: true,
      expiresAt: true,
      code: true,
    },
  });
  return rows.map((c) => ({
    ...c,
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    expired: certificateExpired(c.expiresAt, now),
  }));
}

/** One of my certificates, for the printable page. */
export async function getMyCertificate(userId: string, certificateId: string) {
  const certificate = await getDb().certificate.findUnique({
    where: { id: certificateId },
    include: { user: { select: { name: true } }, enrolment: { select: { bestScore: true } } },
  });
  if (!certificate || certificate.userId !== userId) throw new NotFoundError();
  return {
    id: certificate.id,
    name: certificate.user.name,
    courseTitle: certificate.courseTitle,
    versionNumber: certificate.versionNumber,
    issuedAt: certificate.issuedAt.toISOString(),
    expiresAt: certificate.expiresAt?.toISOString() ?? null,
    code: certificate.code,
    score: certificate.enrolment.bestScore,
  };
}

/** Public verification: only name, course, version, dates and validity. */
export async function verifyCertificate(code: string, now = new Date()) {
  const certificate = /^[A-Z0-9]{10,40}$/.test(code)
    ? await getDb().certificate.findUnique({
        where: { code },
        select: {
          courseTitle: true,
          versionNumber: true,
          issuedAt: true,
          expiresAt: true,
          user: { select: { name: true } },
        },
      })
    : null;
  if (!certificate) return { status: "unknown" as const };
  return {
    status: certificateExpired(certificate.expiresAt, now)
      ? ("expired" as const)
      : ("valid" as const),
    name: certificate.user.name,
    courseTitle: certificate.courseTitle,
    versionNumber: certificate.versionNumber,
    issuedAt: certificate.issuedAt.toISOString(),
    expiresAt: certificate.expiresAt?.toISOString() ?? null,
  };
}
