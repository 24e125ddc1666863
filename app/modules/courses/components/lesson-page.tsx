import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { CourseSubpageHeader } from "./course-subpage-header";
import { LessonEditor } from "./lesson-editor";

export interface LessonForEdit {
  title: string;
  body: string;
  videoUrl: string;
  attachmentUrl: string;
  revision: number;
}

/** The new-lesson page (lesson null) and a lesson's edit page. */
export function LessonEditorPage({
  course,
  lesson,
  actionData,
}: {
  course: { id: string; title: string };
  lesson: LessonForEdit | null;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <CourseSubpageHeader
        course={course}
        title={lesson ? lesson.title : t("courses.lesson.add")}
      />
      <LessonEditor
        mode={lesson ? "edit" : "create"}
        actionData={actionData}
        defaultValues={
          lesson
            ? {
                title: lesson.title,
                body: lesson.body,
                videoUrl: lesson.videoUrl,
                attachmentUrl: lesson.attachmentUrl,
                revision: String(lesson.revision),
              }
            : { title: "", body: "", videoUrl: "", attachmentUrl: "" }
        }
      />
    </>
  );
}

/** The lesson pages' shouldRevalidate: the live Markdown preview must not reload the editor. */
export const keepEditorOnMarkdownPreview: ShouldRevalidateFunction = ({
  formAction,
  defaultShouldRevalidate,
}) => (formAction === "/courses/markdown-preview" ? false : defaultShouldRevalidate);
