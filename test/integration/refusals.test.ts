import { describe, expect, it } from "vitest";
import { ForbiddenError } from "~/lib/errors";
import { assertCan, type Principal } from "~/lib/permissions";
import { getDepartmentHeader, getPersonRecord } from "~/modules/reports/index.server";
import { makeDepartment, makeUser } from "../support/factories";

const principal = (role: Principal["role"], scopeDepartmentIds: string[] = []): Principal => ({
  id: `u-${role}`,
  role,
  scopeDepartmentIds,
});

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ForbiddenError) return error.messageKey;
    throw error;
  }
  return undefined;
}

async function refusalOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ForbiddenError) return error.messageKey;
    throw error;
  }
  return undefined;
}

describe("a refusal says why", () => {
  it("names the department when the role allows it but the record is outside the tree", () => {
    const manager = principal("MANAGER", ["d-mine"]);
    expect(
      refusal(() => assertCan(manager, "read", { type: "Report", departmentId: "d-mine" })),
    ).toBeUndefined();
    expect(
      refusal(() => assertCan(manager, "read", { type: "Report", departmentId: "d-other" })),
    ).toBe("errors.outsideScope");
    // Own-records grants: someone else's record is outside the scope too.
    expect(
      refusal(() => assertCan(principal("EMPLOYEE"), "read", { type: "Learning", ownerId: "x" })),
    ).toBe("errors.outsideScope");
  });

  it("names the role when the role has no such grant at all, or for administrator records", () => {
    expect(refusal(() => assertCan(principal("EMPLOYEE"), "read", "Report"))).toBe(
      "errors.forbidden",
    );
    expect(
      refusal(() =>
        assertCan(principal("EMPLOYEE"), "read", { type: "Report", departmentId: "d" }),
      ),
    ).toBe("errors.forbidden");
    expect(
      refusal(() => assertCan(principal("HR"), "update", { type: "User", role: "ADMIN" })),
    ).toBe("errors.forbidden");
    expect(refusal(() => assertCan(null, "read", "Home"))).toBe("errors.forbidden");
  });

  it("reports refuse a manager's look outside their tree with the scope message", async () => {
    const mine = await makeDepartment({ name: "Mine" });
    const other = await makeDepartment({ name: "Other" });
    const outsider = await makeUser({ departmentId: other.id });
    const manager = principal("MANAGER", [mine.id]);
    expect(await refusalOf(() => getDepartmentHeader(manager, other.id))).toBe(
      "errors.outsideScope",
    );
    expect(await refusalOf(() => getPersonRecord(manager, outsider.id, 1))).toBe(
      "errors.outsideScope",
    );
  });
});
