import { Button, Checkbox, Group, Stack, Text } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { childrenByParent } from "~/lib/department-tree";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { initiativeEditForms } from "../schemas";

export interface DepartmentNode {
  id: string;
  name: string;
  parentId: string | null;
}

interface Target {
  departmentId: string;
  includeSubDepartments: boolean;
}

const targetsForm = initiativeEditForms.options[2];

/**
 * The department tree with a box per department (targeted) and, once ticked, "include
 * sub-departments". Saved as one list; the required courses' rules follow it.
 */
export function TargetsPicker({
  departments,
  targets,
  revision,
  actionData,
}: {
  departments: DepartmentNode[];
  targets: Target[];
  revision: number;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [chosen, setChosen] = useState(
    () => new Map(targets.map((target) => [target.departmentId, target.includeSubDepartments])),
  );
  const { form, onSubmit, formError, errorFor } = useSchemaForm(targetsForm, {
    json: true,
    defaultValues: { intent: "targets", revision: String(revision), targets },
    actionData,
  });
  const update = (next: Map<string, boolean>) => {
    setChosen(next);
    form.setValue(
      "targets",
      [...next].map(([departmentId, includeSubDepartments]) => ({
        departmentId,
        includeSubDepartments,
      })),
    );
  };
  const children = childrenByParent(departments);
  const known = new Set(departments.map((d) => d.id));
  const roots = departments.filter((d) => d.parentId === null || !known.has(d.parentId));

  const renderNode = (node: DepartmentNode, depth: number) => {
    const included = chosen.get(node.id);
    return (
      <li key={node.id} style={{ listStyle: "none" }}>
        <Group gap="md" pl={depth * 20} py={2}>
          <Checkbox
            label={node.name}
            checked={included !== undefined}
            onChange={(event) => {
              const next = new Map(chosen);
              if (event.currentTarget.checked) next.set(node.id, true);
              else next.delete(node.id);
              update(next);
            }}
          />
          {included !== undefined && (children.get(node.id)?.length ?? 0) > 0 && (
            <Checkbox
              size="xs"
              label={t("initiatives.targets.include")}
              aria-label={`${t("initiatives.targets.include")}: ${node.name}`}
              checked={included}
              onChange={(event) => {
                const next = new Map(chosen);
                next.set(node.id, event.currentTarget.checked);
                update(next);
              }}
            />
          )}
        </Group>
        {(children.get(node.id)?.length ?? 0) > 0 && (
          <ul style={{ margin: 0, padding: 0 }}>
            {children.get(node.id)!.map((child) => renderNode(child, depth + 1))}
          </ul>
        )}
      </li>
    );
  };
  const listError = errorFor("targets");
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="targets-picker">
      <FormError message={formError} />
      <Stack>
        <Text size="sm" c="dimmed">
          {t("initiatives.targets.hint")}
        </Text>
        {listError && (
          <Text c="red" size="sm" role="alert">
            {listError}
          </Text>
        )}
        <ul style={{ margin: 0, padding: 0, maxHeight: 420, overflowY: "auto" }}>
          {roots.map((root) => renderNode(root, 0))}
        </ul>
        <Group>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("initiatives.targets.save")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
