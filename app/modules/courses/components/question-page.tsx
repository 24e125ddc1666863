import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import type { QuestionType } from "../schemas";
import type { QuestionOption } from "../snapshot";
import { CourseSubpageHeader } from "./course-subpage-header";
import { QuestionEditor } from "./question-editor";

export interface QuestionForEdit {
  type: QuestionType;
  prompt: string;
  explanation: string;
  partialCredit: boolean;
  options: QuestionOption[];
  acceptedAnswers: string[];
  revision: number;
}

/** The new-question page (question null) and a question's edit page. */
export function QuestionEditorPage({
  course,
  question,
  actionData,
}: {
  course: { id: string; title: string };
  question: QuestionForEdit | null;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <CourseSubpageHeader
        course={course}
        title={question ? t("courses.question.edit") : t("courses.question.add")}
      />
      <QuestionEditor
        actionData={actionData}
        defaultValues={
          question
            ? {
                type: question.type,
                prompt: question.prompt,
                explanation: question.explanation,
                partialCredit: question.partialCredit,
                options: question.options,
                acceptedAnswers: question.acceptedAnswers.map((value) => ({ value })),
                revision: question.revision,
              }
            : {
                type: "SINGLE",
                prompt: "",
                explanation: "",
                partialCredit: false,
                options: [
                  { id: "a", text: "", correct: true },
                  { id: "b", text: "", correct: false },
                ],
                acceptedAnswers: [],
              }
        }
      />
    </>
  );
}
