import type { DbTx } from "~/lib/db.server";
import { raiseMany } from "~/lib/domain-events.server";

// The one place org raises its person events (decision 045), inside the transaction of the
// change: the form, the profile page and a staff import all come through here, a bulk change
// in a few reads (ids in chunks) and one raise per chunk.

const ID_CHUNK = 500;

export async function raisePersonEvents(
  tx: DbTx,
  type: "person.created" | "person.updated" | "person.deactivated",
  userIds: readonly string[],
  at: Date = new Date(),
): Promise<void> {
  for (let i = 0; i < userIds.length; i += ID_CHUNK) {
    const people = await tx.user.findMany({
      where: { id: { in: userIds.slice(i, i + ID_CHUNK) } },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        departmentId: true,
        jobTitle: true,
        active: true,
      },
      orderBy: { id: "asc" },
    });
    await raiseMany(
      tx,
      type,
      people.map(({ id, ...person }) => ({ userId: id, ...person, at })),
    );
  }
}
