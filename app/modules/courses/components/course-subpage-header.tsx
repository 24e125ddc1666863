import { Anchor } from "@mantine/core";
import { Link } from "@remix-run/react";
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
      <Anchor component={Link} to={`/courses/${course.id}/edit`} size="sm">
        ← {course.title}
      </Anchor>
      <PageHeader title={title} />
    </>
  );
}
