import { TextLink } from "~/lib/ui/plain";
import { PageHeader } from "~/lib/ui/page";

/** The way back to the course workspace above a lesson's or a question's page title. */
export function CourseSubpageHeader({
  course,
  title,
}: {
  course: { id: string; title: string };
  title: string;
}) {
  return (
    <>
      <TextLink to={`/courses/${course.id}/edit`} size="sm">
        ← {course.title}
      </TextLink>
      <PageHeader title={title} />
    </>
  );
}
