import { getDb } from "~/lib/db.server";

/**
 * What any colleague may see of an active person (the incentive board's profile card): name,
 * department and job title. Null for an unknown or deactivated person.
 */
export async function activePersonCard(userId: string) {
  const person = await getDb().user.findFirst({
    where: { id: userId, active: true },
    select: { id: true, name: true, jobTitle: true, department: { select: { name: true } } },
  });
  if (!person) return null;
  return {
    id: person.id,
    name: person.name,
    jobTitle: person.jobTitle,
    departmentName: person.department?.name ?? null,
  };
}
