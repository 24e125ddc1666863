// What the REST API (decision 044) reads of ideas: pages in id order after a cursor. Hidden
// ideas are left out, and an anonymous idea's author is never given (not even to admins'
// tokens: an integration has no reason to unmask anyone).
import { afterCursor, inIdOrder, type CursorPage } from "~/lib/pagination.server";
import { getDb } from "~/lib/db.server";
import type { IdeaStatus } from "./schemas";

const ideaColumns = {
  id: true,
  title: true,
  problem: true,
  proposal: true,
  category: true,
  departmentId: true,
  status: true,
  anonymous: true,
  authorId: true,
  ownerId: true,
  mergedIntoId: true,
  voteCount: true,
  commentCount: true,
  createdAt: true,
  updatedAt: true,
} as const;

type IdeaRow = { anonymous: boolean; authorId: string };
const withoutAnonymousAuthor = <T extends IdeaRow>(row: T) => ({
  ...row,
  authorId: row.anonymous ? null : row.authorId,
});

export async function ideasPage(
  page: CursorPage & {
    status?: IdeaStatus;
    departmentId?: string;
    updatedSince?: Date;
  },
) {
  const rows = await getDb().idea.findMany({
    where: {
      hiddenAt: null,
      ...afterCursor(page),
      ...(page.status ? { status: page.status } : {}),
      ...(page.departmentId ? { departmentId: page.departmentId } : {}),
      ...(page.updatedSince ? { updatedAt: { gte: page.updatedSince } } : {}),
    },
    ...inIdOrder(page),
    select: ideaColumns,
  });
  return rows.map(withoutAnonymousAuthor);
}

export async function ideaById(id: string) {
  const row = await getDb().idea.findFirst({ where: { id, hiddenAt: null }, select: ideaColumns });
  return row ? withoutAnonymousAuthor(row) : null;
}
