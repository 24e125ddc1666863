import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { addLesson, addQuestion, publishCourse, updateLesson } from "./content.server";
import { createCourse, updateQuizSettings } from "./courses.server";
import { DEMO_COURSES } from "./demo-content";
import { courseSchema, quizSettingsSchema } from "./schemas";

/**
 * Creates the demo courses (six published, one draft) through the same module functions
 * trainers use, so versions and audit entries are real. Does nothing if courses exist.
 */
export async function seedDemoCourses(trainer: Principal): Promise<boolean> {
  if ((await getDb().course.count()) > 0) return false;
  for (const demo of DEMO_COURSES) {
    const course = await createCourse(
      trainer,
      courseSchema.parse({
        title: demo.title,
        summary: demo.summary,
        category: demo.category,
        estimatedMinutes: String(demo.estimatedMinutes),
        tags: demo.tags,
        coverColor: demo.coverColor,
        coverIcon: demo.coverIcon,
        ownerId: trainer.id,
      }),
    );
    const lessons = [];
    for (const lesson of demo.lessons) {
      lessons.push(
        await addLesson(trainer, course.id, { videoUrl: "", attachmentUrl: "", ...lesson }),
      );
    }
    for (const question of demo.questions) await addQuestion(trainer, course.id, question);
    if (demo.quiz) {
      await updateQuizSettings(
        trainer,
        course.id,
        quizSettingsSchema.parse({
          passMark: String(demo.quiz.passMark),
          attemptsAllowed:
            demo.quiz.attemptsAllowed === null ? "" : String(demo.quiz.attemptsAllowed),
          timeLimitMinutes:
            demo.quiz.timeLimitMinutes === null ? "" : String(demo.quiz.timeLimitMinutes),
          drawCount: String(demo.quiz.drawCount),
          shuffleOptions: "on",
          revision: "1",
        }),
      );
    }
    if (!demo.publish) continue;
    await publishCourse(trainer, course.id);
    // The complaint course was revised after launch: it shows a second version.
    if (demo.coverIcon === "📞") {
      const first = lessons[0]!;
      await updateLesson(trainer, course.id, first.id, {
        title: first.title,
        body: `${first.body}\n\n> Tip: thank the customer for telling us. It sets the tone for everything that follows.`,
        videoUrl: "",
        attachmentUrl: "",
        revision: first.revision,
      });
      await publishCourse(trainer, course.id);
    }
  }
  return true;
}
