import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { can } from "~/lib/permissions";
import { requirePermission, requireUserWith } from "~/lib/session.server";
import {
  createDepartment,
  deleteDepartment,
  flattenTree,
  getDepartmentTree,
  moveDepartment,
  renameDepartment,
} from "~/modules/org/index.server";
import {
  DepartmentsPage,
  departmentCreateSchema,
  departmentDeleteSchema,
  departmentMoveSchema,
  departmentRenameSchema,
  type DepartmentIntent,
} from "~/modules/org";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Department");
  const rows = flattenTree(await getDepartmentTree());
  return {
    rows,
    canCreate: can(user, "create", "Department"),
    canEdit: can(user, "update", "Department"),
  };
}

const departmentForms = z.discriminatedUnion("intent", [
  withIntent("create", departmentCreateSchema),
  withIntent("rename", departmentRenameSchema),
  withIntent("move", departmentMoveSchema),
  withIntent("delete", departmentDeleteSchema),
]);

const PERMISSION_FOR_INTENT = {
  create: "create",
  rename: "update",
  move: "update",
  delete: "delete",
} as const satisfies Record<DepartmentIntent, string>;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWith(request, "read", "Department");
  return intentAction(
    request,
    departmentForms,
    {
      create: async (input) => {
        const created = await createDepartment(actor.id, input);
        return redirect(`/admin/departments?edit=${created.id}`);
      },
      rename: async (input) => {
        await renameDepartment(actor.id, input);
      },
      move: async (input) => {
        await moveDepartment(actor.id, input);
      },
      delete: async ({ id }) => {
        await deleteDepartment(actor.id, id);
        return redirect("/admin/departments?deleted=1");
      },
    },
    {
      authorize: (intent) => requirePermission(actor, PERMISSION_FOR_INTENT[intent], "Department"),
    },
  );
}

export default function DepartmentsRoute() {
  return (
    <DepartmentsPage
      {...useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
