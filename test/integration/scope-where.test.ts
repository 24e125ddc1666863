import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  PERMISSIONS,
  ROLES,
  scopeWhere,
  type Principal,
  type Subject,
} from "~/lib/permissions";

// The list filter and the single-record check are read from one map: for every role, action
// and subject, a record passes scopeWhere's filter exactly when can() allows it.
const SUBJECTS = [
  ...new Set(Object.values(PERMISSIONS).flatMap((grants) => Object.keys(grants))),
] as Subject[];

type Filter = { departmentId?: { in: string[] }; ownerId?: string };
const columns = {
  department: (ids: string[]): Filter => ({ departmentId: { in: ids } }),
  own: (userId: string): Filter => ({ ownerId: userId }),
};
const passes = (filter: Filter, record: { departmentId: string; ownerId: string }) =>
  (!filter.departmentId || filter.departmentId.in.includes(record.departmentId)) &&
  (!filter.ownerId || filter.ownerId === record.ownerId);

const records = [
  { departmentId: "managed", ownerId: "me" },
  { departmentId: "managed", ownerId: "someone" },
  { departmentId: "elsewhere", ownerId: "me" },
  { departmentId: "elsewhere", ownerId: "someone" },
];

describe("scopeWhere", () => {
  it("agrees with can() on every record, for every role, action and subject", () => {
    let checked = 0;
    for (const role of ROLES) {
      const user: Principal = { id: "me", role, scopeDepartmentIds: ["managed"] };
      for (const action of ACTIONS) {
        for (const subject of SUBJECTS) {
          const allowed = records.map((r) => can(user, action, { type: subject, ...r }));
          if (!can(user, action, subject)) {
            expect(() => scopeWhere(user, action, subject, columns)).toThrow();
            expect(allowed).toEqual([false, false, false, false]);
            continue;
          }
          const filter = scopeWhere(user, action, subject, columns);
          expect(
            records.map((r) => passes(filter, r)),
            `${role} ${action} ${subject}`,
          ).toEqual(allowed);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("gives a manager their departments, HR everything, and refuses a scope the query cannot express", () => {
    const manager: Principal = { id: "m", role: "MANAGER", scopeDepartmentIds: ["cs", "cc"] };
    const hr: Principal = { id: "h", role: "HR", scopeDepartmentIds: [] };
    expect(scopeWhere(manager, "read", "Report", columns)).toEqual({
      departmentId: { in: ["cs", "cc"] },
    });
    expect(scopeWhere(hr, "read", "Report", columns)).toEqual({});
    expect(() => scopeWhere(manager, "read", "Report", { own: columns.own })).toThrow();
    expect(() => scopeWhere(null, "read", "Report", columns)).toThrow();
  });
});
