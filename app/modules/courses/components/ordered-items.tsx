import { ActionIcon, Group, Table, Text } from "@mantine/core";
import { Form } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import type { AppPath } from "~/lib/ui/router-anchor";
import { useTranslation } from "react-i18next";

export interface OrderedItem {
  id: string;
  label: string;
  detail?: string;
}

/** Lessons or questions in order, with keyboard-accessible up/down, edit and delete. */
export function OrderedItems({
  kind,
  items,
  editPath,
  canEdit,
}: {
  kind: "lesson" | "question";
  items: OrderedItem[];
  editPath: (id: string) => AppPath;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t(`courses.${kind}.none`)}
      </Text>
    );
  }
  return (
    <Table data-testid={`${kind}-list`}>
      <Table.Tbody>
        {items.map((item, index) => (
          <Table.Tr key={item.id}>
            <Table.Td w={40}>{index + 1}</Table.Td>
            <Table.Td>
              {canEdit ? <TextLink to={editPath(item.id)}>{item.label}</TextLink> : item.label}
              {item.detail && (
                <Text size="xs" c="dimmed">
                  {item.detail}
                </Text>
              )}
            </Table.Td>
            {canEdit && (
              <Table.Td w={150}>
                <ItemActions
                  kind={kind}
                  item={item}
                  first={index === 0}
                  last={index === items.length - 1}
                />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Move up, move down and delete (after a confirmation) for one item. */
function ItemActions({
  kind,
  item,
  first,
  last,
}: {
  kind: "lesson" | "question";
  item: OrderedItem;
  first: boolean;
  last: boolean;
}) {
  const { t } = useTranslation();
  const moves = [
    { direction: "up", disabled: first, label: "courses.moveUp", arrow: "↑" },
    { direction: "down", disabled: last, label: "courses.moveDown", arrow: "↓" },
  ];
  return (
    <Form method="post">
      <input type="hidden" name="itemId" value={item.id} />
      <Group gap={4} wrap="nowrap" justify="flex-end">
        {moves.map(({ direction, disabled, label, arrow }) => (
          <ActionIcon
            key={direction}
            type="submit"
            name="intent"
            value={`${kind}.${direction}`}
            variant="default"
            disabled={disabled}
            aria-label={t(label, { name: item.label })}
          >
            {arrow}
          </ActionIcon>
        ))}
        <ActionIcon
          type="submit"
          name="intent"
          value={`${kind}.delete`}
          color="red"
          variant="light"
          aria-label={t("courses.deleteItem", { name: item.label })}
          onClick={(event) => {
            if (!window.confirm(t("courses.confirmDelete", { name: item.label })))
              event.preventDefault();
          }}
        >
          ✕
        </ActionIcon>
      </Group>
    </Form>
  );
}
