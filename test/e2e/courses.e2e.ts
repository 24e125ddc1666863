import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import {
  allowFailedLoad,
  BASE_URL,
  fieldLabel,
  newContext,
  sharedBrowser,
  waitForHydration,
} from "./browser";
import { signInAsFresh } from "./fixtures";

const browser = sharedBrowser();

describe("course authoring", () => {
  it("a trainer creates a course with two lessons and a 3-question quiz, previews it and publishes it", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "TRAINER" });
    const page = await context.newPage();

    await page.goto("/courses/new");
    await waitForHydration(page);
    await page.getByLabel("Title").fill("Escalation etiquette");
    await page.getByLabel("Summary").fill("When and how to escalate a customer case.");
    await page.getByLabel("Category").selectOption("PROCESS");
    await page.getByLabel("Estimated minutes").fill("20");
    await page.getByRole("button", { name: "New course" }).click();
    await page.waitForURL(/\/courses\/[^/]+\/edit$/);
    const courseId = page.url().split("/").at(-2)!;

    for (const [title, body] of [
      ["When to escalate", "## Rules\n\n- Customer asks twice\n- **SLA** breached"],
      ["How to escalate", "Use the *Escalate* button. <script>alert('x')</script>"],
    ]) {
      await page.getByRole("link", { name: "Add lesson" }).click();
      await page.waitForURL(/lessons\/new$/);
      await waitForHydration(page);
      await page.getByLabel("Lesson title").fill(title!);
      await page.getByLabel("Content (Markdown)").fill(body!);
      await expect
        .poll(() => page.getByTestId("markdown-preview").innerHTML())
        .toMatch(/<(h3|em)>/);
      expect(await page.getByTestId("markdown-preview").innerHTML()).not.toContain("<script");
      await page.getByRole("button", { name: "Add lesson" }).click();
      await page.waitForURL(/\/edit$/);
    }
    await expect
      .poll(() => page.getByTestId("lesson-list").textContent())
      .toContain("How to escalate");

    // Question 1: single choice (the first option is marked correct by default).
    await page.getByRole("link", { name: "Add question" }).click();
    await waitForHydration(page);
    await page.locator("textarea[name=prompt]").fill("Who owns an escalated case?");
    await page.getByLabel(fieldLabel("Option 1")).fill("The team leader");
    await page.getByLabel(fieldLabel("Option 2")).fill("Nobody");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/edit$/);

    // Question 2: true/false.
    await page.getByRole("link", { name: "Add question" }).click();
    await waitForHydration(page);
    await page.getByLabel("Question type").selectOption("TRUE_FALSE");
    await page.locator("textarea[name=prompt]").fill("Escalations skip the SLA clock.");
    const optionsText = await page.getByTestId("options").textContent();
    expect(optionsText).toContain("True");
    expect(optionsText).toContain("False");
    await page.getByLabel("Option 2 is correct").check();
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/edit$/);

    // Question 3: short answer, first without an accepted answer (refused next to the list).
    await page.getByRole("link", { name: "Add question" }).click();
    await waitForHydration(page);
    await page.getByLabel("Question type").selectOption("SHORT");
    await page.locator("textarea[name=prompt]").fill("Name the button used to escalate.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => page.getByTestId("accepted-answers").textContent())
      .toContain("Give at least one accepted answer.");
    await page.getByLabel("Accepted answer 1").fill("Escalate");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/edit$/);
    await expect.poll(() => page.getByTestId("question-list").locator("tr").count()).toBe(3);

    // Saving the quiz settings says so, until they are changed again.
    await waitForHydration(page);
    const settings = page.getByTestId("quiz-settings");
    await settings.getByLabel("Pass mark (%)").fill("75");
    await settings.getByRole("button", { name: "Save quiz settings" }).click();
    await expect
      .poll(() => settings.getByTestId("quiz-settings-saved").textContent())
      .toContain("Quiz settings saved");
    await expect.poll(() => settings.getByLabel("Pass mark (%)").inputValue()).toBe("75");
    await settings.getByLabel("Pass mark (%)").fill("70");
    await expect.poll(() => settings.getByTestId("quiz-settings-saved").count()).toBe(0);
    await settings.getByLabel("Pass mark (%)").fill("75");

    // Preview as a learner: lessons render sanitised, the quiz is graded without recording.
    await page.getByRole("link", { name: "Preview as learner" }).click();
    await page.waitForURL(/\/preview$/);
    await waitForHydration(page);
    // A lesson's "##" sits below the page's own headings (h1 course, shifted one level).
    expect(await page.getByTestId("lesson-body").innerHTML()).toContain("<h3>Rules</h3>");
    expect(await page.locator("h1").count()).toBe(1);
    await page.getByRole("button", { name: "Next" }).click();
    expect(await page.getByTestId("lesson-body").innerHTML()).not.toContain("script");
    await page.getByRole("button", { name: "Next" }).click();
    const quiz = page.getByTestId("preview-quiz");
    await quiz.getByLabel("The team leader").check();
    await quiz.getByLabel("False").check();
    await quiz.getByLabel("Your answer").fill("  escalate ");
    await quiz.getByRole("button", { name: "Submit answers" }).click();
    await expect
      .poll(() => page.getByTestId("preview-score").textContent())
      .toContain("Passed with 100%");
    // Grading does not redraw the quiz: every question still shows its own result.
    expect(await page.getByTestId("question-result").count()).toBe(3);
    expect(await quiz.getByLabel("Your answer").inputValue()).toBe("  escalate ");
    expect(await getDb().courseVersion.count({ where: { courseId } })).toBe(0);

    // Publish version 1.
    await page.getByRole("link", { name: "Back to editing" }).click();
    await page.waitForURL(/\/edit$/);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Publish version 1" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("Version 1 is published");
    await expect
      .poll(() => page.getByTestId("versions-table").textContent())
      .toContain("Lessons +2 −0 ~0");
    const course = await getDb().course.findUniqueOrThrow({ where: { id: courseId } });
    expect(course).toMatchObject({ status: "PUBLISHED", latestVersion: 1 });
    await context.close();
  });

  it("an employee cannot open /courses/new, and the catalogue is not in their navigation", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context, { role: "EMPLOYEE" });
    const page = await context.newPage();
    allowFailedLoad(403, "/courses/new");
    const response = await page.goto("/courses/new");
    expect(response?.status()).toBe(403);
    expect(await page.getByTestId("error-page").getAttribute("data-status")).toBe("403");
    expect(await page.getByTestId("main-nav").textContent()).not.toContain("Courses");
    // A post goes past the page: the create action refuses it too (same origin, so the 403
    // is the permission's, not the cross-site guard's) and writes nothing.
    const before = await getDb().course.count();
    const post = await context.request.post("/courses/new", {
      headers: { Origin: BASE_URL },
      form: {
        title: "Not allowed",
        category: "PROCESS",
        estimatedMinutes: "10",
        coverColor: "teal",
        coverIcon: "📘",
        ownerId: "x",
      },
    });
    expect(post.status()).toBe(403);
    expect(await post.text()).not.toContain("cross-origin");
    expect(await getDb().course.count()).toBe(before);
    await context.close();
  });
});
