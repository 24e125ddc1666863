import type { DbTx } from "~/lib/db.server";
import { raiseMany } from "~/lib/domain-events.server";

// The one place learning raises enrolment.created and the certificate events (decision 045),
// inside the transaction that wrote them: every path (self-enrolment, rules, renewals, a staff
// import's bulk insert) hands over the rows it wrote, raised in one batch.

const ID_CHUNK = 500;

/** What enrolment.created tells of a new enrolment, as its writer has it at hand. */
export interface NewEnrolment {
  id: string;
  userId: string;
  courseId: string;
  dueAt: Date | null;
  selfEnrolled?: boolean;
  assignedAt: Date;
}

/** enrolment.created for enrolments just written (no read back: the writer has the rows). */
export async function raiseEnrolmentsCreated(
  tx: DbTx,
  enrolments: readonly NewEnrolment[],
): Promise<void> {
  await raiseMany(
    tx,
    "enrolment.created",
    enrolments.map((e) => ({
      enrolmentId: e.id,
      userId: e.userId,
      courseId: e.courseId,
      dueAt: e.dueAt,
      selfEnrolled: e.selfEnrolled ?? false,
      at: e.assignedAt,
    })),
  );
}

/** The columns NewEnrolment needs, for a create's `select`. */
export const newEnrolmentSelect = {
  id: true,
  userId: true,
  courseId: true,
  dueAt: true,
  selfEnrolled: true,
  assignedAt: true,
} as const;

/** A certificate as its events tell it. */
export interface CertificateRow {
  id: string;
  enrolmentId: string;
  userId: string;
  courseId: string;
  issuedAt: Date;
  expiresAt: Date | null;
}

/** certificate.issued (at its issue) or .expiring (at `at`) for these certificates. */
export async function raiseCertificateEvents(
  tx: DbTx,
  type: "certificate.issued" | "certificate.expiring",
  certificates: readonly CertificateRow[],
  at?: Date,
): Promise<void> {
  await raiseMany(
    tx,
    type,
    certificates.map((c) => ({
      certificateId: c.id,
      enrolmentId: c.enrolmentId,
      userId: c.userId,
      courseId: c.courseId,
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt,
      at: at ?? c.issuedAt,
    })),
  );
}

/** The certificates of these enrolments (the reminder job's expiring ones), in chunks. */
export async function certificatesOf(
  tx: DbTx,
  enrolmentIds: readonly string[],
): Promise<CertificateRow[]> {
  const rows: CertificateRow[] = [];
  for (let i = 0; i < enrolmentIds.length; i += ID_CHUNK) {
    const found = await tx.certificate.findMany({
      where: { enrolmentId: { in: enrolmentIds.slice(i, i + ID_CHUNK) } },
      select: {
        id: true,
        enrolmentId: true,
        userId: true,
        issuedAt: true,
        expiresAt: true,
        enrolment: { select: { courseId: true } },
      },
      orderBy: { id: "asc" },
    });
    rows.push(...found.map(({ enrolment, ...c }) => ({ ...c, courseId: enrolment.courseId })));
  }
  return rows;
}
