import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { readCourseSnapshot } from "~/modules/courses/index.server";
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
const DAY_MS = 24 * 3600 * 1000;

describe("learning", () => {
  it("an employee completes an assigned course, passes its quiz, gets a certificate the public page verifies", async () => {
    const context = await newContext(browser());
    // In Call Centre, assigned the department's courses 10 days ago: the response-time course
    // (21 days) is due in 11 days, so it is "due soon".
    const learner = await signInAsFresh(context, {
      department: "CC",
      enrolledAt: new Date(Date.now() - 10 * DAY_MS),
    });
    const page = await context.newPage();
    await page.goto("/");
    expect(await page.getByTestId("home-due").textContent()).toContain("Response-time standards");
    await page.goto("/learn");
    await waitForHydration(page);
    const dueSoon = page.getByTestId("section-due-soon");
    expect(await dueSoon.textContent()).toContain("Response-time standards");
    await dueSoon
      .getByTestId("enrolment-card")
      .filter({ hasText: "Response-time standards" })
      .getByRole("link", { name: "Start" })
      .click();
    await page.waitForURL(/\/learn\/[^/?]+/);
    const courseId = new URL(page.url()).pathname.split("/")[2]!;

    // Three lessons, each marked done, then the quiz.
    for (let i = 0; i < 3; i++) {
      await waitForHydration(page);
      await page.getByRole("button", { name: "Mark as done and continue" }).click();
      await page.waitForURL(new RegExp(`lesson=${i + 1}$`));
    }
    const quizCard = page.getByTestId("quiz-card");
    await quizCard.waitFor();

    // Everything the browser receives for the quiz page, before submitting.
    const bodies: string[] = [];
    page.on("response", async (response) => {
      if (response.url().includes("/quiz/") && response.request().method() === "GET") {
        bodies.push(await response.text().catch(() => ""));
      }
    });
    await quizCard.getByRole("button", { name: "Start the quiz" }).click();
    await page.waitForURL(/\/quiz\/[^/]+$/);
    await waitForHydration(page);
    const attemptId = new URL(page.url()).pathname.split("/").at(-1)!;
    await page.reload();
    await waitForHydration(page);

    const attempt = await getDb().quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      include: { enrolment: { include: { version: true } } },
    });
    const snapshot = readCourseSnapshot(attempt.enrolment.version.snapshot);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body).not.toMatch(/"correct"|acceptedAnswers|explanation/);
      for (const question of snapshot.questions) {
        if (question.explanation) expect(body).not.toContain(question.explanation);
        // Bank ids ("o12", cuids) show the authoring order: only opaque ids arrive. ("true"
        // and "false" also name true/false options, but appear in any page's attributes.)
        expect(body).not.toContain(question.id);
        if (question.type !== "TRUE_FALSE")
          for (const option of question.options) expect(body).not.toContain(`"${option.id}"`);
      }
    }

    // A multiple-answer question says so, with square boxes rather than round ones.
    const form = page.getByTestId("quiz-form");
    const multiple = snapshot.questions.find((q) => q.type === "MULTIPLE")!;
    const multipleCard = form.locator(".mantine-Card-root").filter({ hasText: multiple.prompt });
    expect(await multipleCard.getByTestId("select-all-hint").textContent()).toBe(
      "Select all that apply.",
    );
    const radius = await multipleCard
      .locator("input[type=checkbox]")
      .first()
      .evaluate((input) => parseFloat(getComputedStyle(input).borderTopLeftRadius));
    expect(radius).toBeLessThanOrEqual(4);

    // Answer every question correctly.
    for (const question of snapshot.questions) {
      const card = form.locator(".mantine-Card-root").filter({ hasText: question.prompt });
      if (question.type === "SHORT") {
        await card.getByRole("textbox").fill(question.acceptedAnswers[0]!);
        continue;
      }
      for (const option of question.options.filter((o) => o.correct)) {
        const label =
          question.type === "TRUE_FALSE" ? (option.id === "true" ? "True" : "False") : option.text;
        await card.getByLabel(fieldLabel(label)).check();
      }
    }
    await form.getByRole("button", { name: "Submit answers" }).click();
    await page.getByTestId("quiz-result").waitFor();
    expect(await page.getByRole("status").textContent()).toContain("Passed with 100%");
    expect(await page.getByTestId("quiz-result").textContent()).toContain(
      snapshot.questions[0]!.explanation,
    );

    await page.goto(`/learn/${courseId}`);
    await page
      .getByTestId("course-completed")
      .getByRole("link", { name: "View certificate" })
      .click();
    await page.waitForURL(/\/certificates\/[^/]+$/);
    const certificate = page.getByTestId("certificate");
    expect(await certificate.textContent()).toContain(learner.name);
    expect(await certificate.textContent()).toContain("Response-time standards");
    const code = (await page.getByTestId("certificate-code").textContent())!
      .split(":")
      .at(-1)!
      .trim();
    await context.close();

    // The public verification page, for someone not signed in.
    const visitor = await newContext(browser());
    const publicPage = await visitor.newPage();
    await publicPage.goto(`${BASE_URL}/verify/${code}`);
    expect(await publicPage.getByTestId("verify-status").getAttribute("data-status")).toBe("valid");
    const text = (await publicPage.textContent("body")) ?? "";
    expect(text).toContain(learner.name);
    expect(text).toContain("Response-time standards");
    expect(text).not.toContain(learner.email);
    await publicPage.goto(`${BASE_URL}/verify/NOTAREALCODE12345678`);
    expect(await publicPage.getByTestId("verify-status").getAttribute("data-status")).toBe(
      "unknown",
    );
    await visitor.close();
  });

  it("a published course the employee is not enrolled in is refused (403); drafts and unknown ids are 404", async () => {
    const context = await newContext(browser());
    await signInAsFresh(context, { department: "CC" });
    const page = await context.newPage();
    const salesOnly = await getDb().course.findFirstOrThrow({
      where: { title: { startsWith: "Customer feedback" } },
    });
    allowFailedLoad(403, `/learn/${salesOnly.id}`);
    expect((await page.goto(`/learn/${salesOnly.id}`))?.status()).toBe(403);
    const draft = await getDb().course.findFirstOrThrow({ where: { status: "DRAFT" } });
    allowFailedLoad(404, `/learn/${draft.id}`);
    allowFailedLoad(404, "/learn/no-such-course");
    expect((await page.goto(`/learn/${draft.id}`))?.status()).toBe(404);
    expect((await page.goto("/learn/no-such-course"))?.status()).toBe(404);
    await context.close();
  });
});
