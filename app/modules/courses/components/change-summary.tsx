import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VersionChanges } from "../snapshot";

/** "Lessons +1 −0 ~2 · Questions +3 −0 ~0 · details changed" in the reader's language. */
export function ChangeSummary({ changes }: { changes: VersionChanges }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {t("courses.changes.lessons", {
        added: changes.lessonsAdded,
        removed: changes.lessonsRemoved,
        edited: changes.lessonsEdited,
      })}
      {" · "}
      {t("courses.changes.questions", {
        added: changes.questionsAdded,
        removed: changes.questionsRemoved,
        edited: changes.questionsEdited,
      })}
      {changes.detailsChanged && ` · ${t("courses.changes.details")}`}
    </Text>
  );
}
