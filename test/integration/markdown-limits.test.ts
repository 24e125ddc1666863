import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import type { Principal } from "~/lib/permissions";
import { MARKDOWN_MAX_DEPTH, markdownDepth } from "~/lib/markdown-limits";
import { renderMarkdown } from "~/lib/markdown.server";
import { RENDER_BUDGET_MS } from "~/lib/markdown-worker.server";
import { addLesson, publishCourse } from "~/modules/courses/index.server";
import { lessonSchema } from "~/modules/courses";
import { createIdea } from "~/modules/ideas/index.server";
import { commentSchema, ideaSchema } from "~/modules/ideas";
import { getPlayer, selfEnrol } from "~/modules/learning/index.server";
import * as markdownPreviewRoute from "~/routes/courses/markdown-preview";
import * as previewRoute from "~/routes/courses/preview";
import * as ideaRoute from "~/routes/ideas/detail";
import { makeCourse } from "../support/courses";
import { principalFor, request, sessionCookie } from "../support/factories";

const loaderArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as ActionFunctionArgs;

// The inputs that overflowed the renderer's stack (a few thousand levels in a few KB), and
// the other kinds of nesting the renderer recurses on.
const ATTACKS: [string, string][] = [
  ["nested list items on one line (6 KB)", "- ".repeat(3000) + "x"],
  ["nested ordered items", "1. ".repeat(3000) + "x"],
  ["nested quotes", ">".repeat(6000) + " x"],
  ["nested quotes with spaces", "> ".repeat(3000) + "x"],
  ["quotes and lists mixed", "> - ".repeat(1500) + "x"],
  ["lists by indentation, many items per line", staircase(50)],
  ["deep emphasis", "*".repeat(25_000) + "x" + "*".repeat(25_000)],
  ["deep emphasis, separated", "*x ".repeat(3000) + "x* ".repeat(3000)],
  ["deep strong and underscore", "**x __y ".repeat(1500) + "y__ x** ".repeat(1500)],
  ["emphasis inside links", "[*x ".repeat(3000) + "x*](https://e.example) ".repeat(3000)],
  ["nested brackets", "[".repeat(10_000) + "x" + "](u)".repeat(10_000)],
  ["nested HTML blocks", "<div>".repeat(5000) + "x" + "</div>".repeat(5000)],
  ["nested inline HTML", "<em>".repeat(5000) + "x"],
];

/** Each line opens 20 more list levels inside the last one (1000 levels in ~50 KB). */
function staircase(lines: number) {
  return Array.from({ length: lines }, (_, i) => " ".repeat(40 * i) + "- ".repeat(20) + "x").join(
    "\n",
  );
}

const SLOW_PARAGRAPH =
  "> a--(```1.[_]``(>*a( [>_-````` (~```1.>)\n```*````` (``~```_(~1. _``\n]```~]``~>``)]1.~a1.a~a-``  a]( ``~a)a(>-``~1.--(````  a_```>>( ``(a_ >a\\>1.>>>>] ```[  (1.```1.``1. ]!a[\n]*``[ _``aa~\\>a``> ``1.~```a\\--_``>``> ~(a~)((>) ( a>_~a``_a(>``-````1.a```` *>([``>_-```\n)`````[_`````(_``]-`````\n``a1.a>*>[_> ~]-]_1.]``1.aa  a1._``1.(-(]_>-[`````a `````)*(~ 1. (>__>```*`````a>)~())-``a_```` >[>(!``-~```a ~a``))(a -> ```a```````````(>a)_";
// Two of them: one alone now takes marked about 1.6 s here, too close to the 1.5 s render
// budget to be sure of missing it (the test flaked); two take about 4 s.
const SLOW_FOR_MARKED = `${SLOW_PARAGRAPH}\n\n${SLOW_PARAGRAPH}`;

const deepComment = "- ".repeat(3000) + "<script>alert(1)</script>";

describe("Markdown nesting limits", () => {
  // The worker's start-up is not what these tests time.
  beforeAll(() => {
    renderMarkdown("warm-up");
  });

  it.each(ATTACKS)("renders %s without throwing, quickly", (_name, input) => {
    const started = performance.now();
    const html = renderMarkdown(input);
    // Bounded by the render budget plus a margin for a busy machine; the overflowing inputs
    // took seconds before they threw.
    expect(performance.now() - started).toBeLessThan(RENDER_BUDGET_MS + 3000);
    expect(typeof html).toBe("string");
    expect(html.toLowerCase()).not.toMatch(/<script|<div/);
  });

  it("measures nesting in linear time and counts what the renderer would recurse on", () => {
    expect(markdownDepth("- ".repeat(3000) + "x")).toBe(3000);
    expect(markdownDepth(">".repeat(6000) + " x")).toBe(6000);
    expect(markdownDepth("> - ".repeat(1500) + "x")).toBe(3000);
    expect(markdownDepth(staircase(50))).toBe(1000);
    expect(markdownDepth("*x ".repeat(3000) + "x* ".repeat(3000))).toBe(3000);
    expect(markdownDepth("[*x [*x x*](u) x*](u)")).toBe(4);
    const started = performance.now();
    markdownDepth("- ".repeat(100_000) + "x");
    // Linear: milliseconds; a quadratic count would take minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("does not count code, rules or intraword underscores as nesting", () => {
    const lesson = [
      "# Python",
      "",
      "Call `f(*args, **kwargs)` or f(*args, **kwargs) with snake_case_names and 2*3*4.",
      "",
      "```",
      "- ".repeat(100),
      "*".repeat(100) + "x" + "*".repeat(100),
      "```",
      "",
      "---",
      "- - -",
      "* * *",
      "",
      "- one",
      "  - two",
      "    - three",
      "",
      "> quote",
      "> > inner",
    ].join("\n");
    expect(markdownDepth(lesson)).toBe(3);
    expect(renderMarkdown(lesson)).toContain("<ul>");
  });

  it("shows text nested beyond the render limit as escaped plain text", () => {
    const html = renderMarkdown(deepComment);
    expect(html.startsWith("<p>")).toBe(true);
    expect(html).not.toContain("<ul>");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
  });

  it("renders text nested as deep as a saved text may be with its formatting", () => {
    const html = renderMarkdown("- ".repeat(MARKDOWN_MAX_DEPTH) + "deep");
    expect(html.match(/<ul>/g)).toHaveLength(MARKDOWN_MAX_DEPTH);
  });

  it("shows text the parser would take seconds on as plain text, within the time budget", () => {
    // Text that makes marked's regular expressions backtrack for seconds (fuzzing).
    const slow = SLOW_FOR_MARKED;
    const started = performance.now();
    const html = renderMarkdown(slow);
    expect(performance.now() - started).toBeLessThan(RENDER_BUDGET_MS + 3000);
    expect(html.startsWith("<p>&gt; a--(")).toBe(true);
    // The next text renders normally (a fresh worker), and the slow one is now answered at once.
    expect(renderMarkdown("**bold**")).toBe("<p><strong>bold</strong></p>\n");
    const again = performance.now();
    expect(renderMarkdown(slow)).toBe(html);
    // Remembered: far less than another render budget.
    expect(performance.now() - again).toBeLessThan(RENDER_BUDGET_MS / 3);
  });

  it("moves headings one level down, from Markdown and raw HTML alike", () => {
    const html = renderMarkdown("# One\n\n## Two\n\n###### Six\n\n<h1>Raw</h1>");
    expect(html).not.toContain("<h1");
    expect(html).toContain("<h2>One</h2>");
    expect(html).toContain("<h3>Two</h3>");
    expect(html).toContain("<h6>Six</h6>");
    expect(html).toContain("<h2>Raw</h2>");
  });
});

/** Posts `body` as a comment through the idea page and expects a 400 naming the body. */
async function expectCommentRefused(
  author: { id: string } & Principal,
  body: string,
  message: string,
) {
  const ideaId = await createIdea(
    author,
    ideaSchema.parse({ title: "T", problem: "P", proposal: "Q", category: "OTHER" }),
  );
  const { cookie } = await sessionCookie(author.id);
  const result = await ideaRoute.action(
    actionArgs(request(`/ideas/${ideaId}`, { cookie, form: { intent: "comment", body } }), {
      ideaId,
    }),
  );
  expect(result).toMatchObject({ init: { status: 400 }, data: { fieldErrors: { body: message } } });
  expect(await getDb().ideaComment.count({ where: { ideaId } })).toBe(0);
}

describe("saving Markdown nested too deeply", () => {
  it("is refused with a field error for comments, idea texts and lessons", () => {
    const deep = "- ".repeat(MARKDOWN_MAX_DEPTH + 1) + "x";
    const ok = "- ".repeat(MARKDOWN_MAX_DEPTH) + "x";
    const issues = (result: { success: boolean; error?: { issues: unknown[] } }) =>
      result.error?.issues;
    expect(issues(commentSchema.safeParse({ intent: "comment", body: deep }))).toEqual([
      expect.objectContaining({ path: ["body"], message: "validation.markdownTooDeep" }),
    ]);
    expect(commentSchema.safeParse({ intent: "comment", body: ok }).success).toBe(true);
    const idea = {
      title: "Deep",
      problem: "fine",
      proposal: ">".repeat(500) + " x",
      category: "OTHER",
    };
    expect(issues(ideaSchema.safeParse(idea))).toEqual([
      expect.objectContaining({ path: ["proposal"], message: "validation.markdownTooDeep" }),
    ]);
    expect(issues(lessonSchema.safeParse({ title: "Deep", body: "*x ".repeat(30) }))).toBe(
      undefined,
    );
    expect(
      issues(lessonSchema.safeParse({ title: "Deep", body: "*x ".repeat(30) + "x* ".repeat(30) })),
    ).toEqual([expect.objectContaining({ path: ["body"], message: "validation.markdownTooDeep" })]);
  });

  it("is refused by the idea page's comment form with 400 and the message on the body", async () => {
    const author = await principalFor("EMPLOYEE");
    await expectCommentRefused(author, deepComment, "validation.markdownTooDeep");
  });

  it("refuses text the renderer cannot finish in time, for comments and lessons alike", async () => {
    const author = await principalFor("TRAINER");
    await expectCommentRefused(author, SLOW_FOR_MARKED, "validation.markdownTooComplex");
    const course = await makeCourse(author, 0, 0);
    await expect(
      addLesson(author, course.id, lessonSchema.parse({ title: "Slow", body: SLOW_FOR_MARKED })),
    ).rejects.toMatchObject({ fieldErrors: { body: "validation.markdownTooComplex" } });
    expect(await getDb().lesson.count({ where: { courseId: course.id } })).toBe(0);
  });
});

describe("pages with deeply nested content stored before the limit", () => {
  it("the idea page still loads for everyone, the comment shown as text", async () => {
    const author = await principalFor("EMPLOYEE");
    const ideaId = await createIdea(
      author,
      ideaSchema.parse({ title: "T", problem: "P", proposal: "Q", category: "OTHER" }),
    );
    // Straight into the database, past the save check.
    await getDb().ideaComment.create({
      data: { ideaId: ideaId, authorId: author.id, body: deepComment },
    });
    await getDb().idea.update({
      where: { id: ideaId },
      data: { problem: ">".repeat(6000) + " x" },
    });
    for (const role of ["EMPLOYEE", "HR"] as const) {
      const reader = await principalFor(role);
      const { cookie } = await sessionCookie(reader.id);
      const data = (await ideaRoute.loader(
        loaderArgs(request(`/ideas/${ideaId}`, { cookie }), { ideaId: ideaId }),
      )) as unknown as { idea: { problemHtml: string; comments: { html: string }[] } };
      expect(data.idea.problemHtml).toContain("&gt;&gt;&gt;");
      expect(JSON.stringify(data)).toContain("&lt;script&gt;");
      expect(JSON.stringify(data)).not.toContain("<script");
    }
  });

  it("the author preview, the player and the Markdown preview endpoint still answer", async () => {
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 1, 1);
    await getDb().lesson.updateMany({
      where: { courseId: course.id },
      data: { body: "> - ".repeat(3000) + "x" },
    });
    const { cookie } = await sessionCookie(trainer.id);
    const preview = (await previewRoute.loader(
      loaderArgs(request(`/courses/${course.id}/preview`, { cookie }), { courseId: course.id }),
    )) as unknown as { lessons: { html: string }[] };
    expect(preview.lessons[0]!.html.startsWith("<p>&gt; - &gt; - ")).toBe(true);

    await publishCourse(trainer, course.id);
    const learner = await principalFor("EMPLOYEE");
    await selfEnrol(learner.id, course.id);
    const player = await getPlayer(learner.id, course.id);
    expect(JSON.stringify(player)).toContain("&gt; - &gt; - ");

    const answer = await markdownPreviewRoute.action(
      actionArgs(
        request("/courses/markdown-preview", {
          cookie,
          form: { markdown: "- ".repeat(3000) + "x" },
        }),
      ),
    );
    const body = answer instanceof Response ? await answer.text() : JSON.stringify(answer);
    expect(body).toContain("<p>- - - ");
  });
});
