import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import * as catalogueRoute from "~/routes/courses/catalogue";
import * as editRoute from "~/routes/courses/edit";
import * as lessonRoute from "~/routes/courses/lesson";
import * as newRoute from "~/routes/courses/new";
import * as previewRoute from "~/routes/courses/preview";
import { makeCourse } from "../support/courses";
import { request, sessionCookie, thrownStatus } from "../support/factories";

const loaderArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as LoaderFunctionArgs;
const actionArgs = (req: Request, params: Record<string, string> = {}) =>
  ({ request: req, params, context: {} }) as ActionFunctionArgs;

async function signedIn(principal: { id: string }) {
  return (await sessionCookie(principal.id)).cookie;
}

describe("course routes by role", () => {
  it("keeps employees and managers out of authoring entirely (403)", async () => {
    const { principalFor } = await import("../support/factories");
    for (const role of ["EMPLOYEE", "MANAGER"] as const) {
      const cookie = await signedIn(await principalFor(role));
      expect(
        await thrownStatus(() =>
          catalogueRoute.loader(loaderArgs(request("/courses", { cookie }))),
        ),
      ).toBe(403);
      expect(
        await thrownStatus(() => newRoute.loader(loaderArgs(request("/courses/new", { cookie })))),
      ).toBe(403);
    }
  });

  it("gives a trainer 403 on someone else's course, and nothing changes", async () => {
    const { principalFor } = await import("../support/factories");
    const owner = await principalFor("TRAINER");
    const other = await principalFor("TRAINER");
    const course = await makeCourse(owner, 1, 0);
    const cookie = await signedIn(other);
    const form = {
      intent: "details",
      title: "Taken over",
      summary: "",
      category: "PROCESS",
      estimatedMinutes: "10",
      tags: "",
      coverColor: "teal",
      coverIcon: "📘",
      ownerId: other.id,
      revision: "1",
    };
    const params = { courseId: course.id };
    expect(
      await thrownStatus(() =>
        editRoute.action(
          actionArgs(request(`/courses/${course.id}/edit`, { cookie, form }), params),
        ),
      ),
    ).toBe(403);
    expect(
      await thrownStatus(() =>
        editRoute.action(
          actionArgs(
            request(`/courses/${course.id}/edit`, { cookie, form: { intent: "publish" } }),
            params,
          ),
        ),
      ),
    ).toBe(403);
    expect(
      await thrownStatus(() =>
        lessonRoute.loader(
          loaderArgs(request(`/courses/${course.id}/lessons/new`, { cookie }), {
            ...params,
            lessonId: "new",
          }),
        ),
      ),
    ).toBe(403);
    expect((await getDb().course.findUniqueOrThrow({ where: { id: course.id } })).title).toBe(
      "Complaint handling",
    );
    // Reading and previewing stay open to every author.
    const workspace = await editRoute.loader(
      loaderArgs(request(`/courses/${course.id}/edit`, { cookie }), params),
    );
    expect(workspace).toMatchObject({ canEdit: false });
  });

  it("answers 404 for an unknown course and 400 with a message for an invalid course form", async () => {
    const { principalFor } = await import("../support/factories");
    const trainer = await principalFor("TRAINER");
    const cookie = await signedIn(trainer);
    expect(
      await thrownStatus(() =>
        editRoute.loader(
          loaderArgs(request("/courses/nope/edit", { cookie }), { courseId: "nope" }),
        ),
      ),
    ).toBe(404);
    const before = await getDb().course.count();
    const result = await newRoute.action(
      actionArgs(
        request("/courses/new", {
          cookie,
          form: {
            title: "",
            category: "COOKING",
            estimatedMinutes: "0",
            coverColor: "teal",
            coverIcon: "📘",
            ownerId: trainer.id,
          },
        }),
      ),
    );
    expect(result).toMatchObject({
      init: { status: 400 },
      data: {
        fieldErrors: {
          title: "validation.required",
          category: "validation.required",
          estimatedMinutes: "validation.outOfRange",
        },
      },
    });
    expect(await getDb().course.count()).toBe(before);
  });

  it("preview data never contains the answers", async () => {
    const { principalFor } = await import("../support/factories");
    const trainer = await principalFor("TRAINER");
    const course = await makeCourse(trainer, 1, 3);
    const cookie = await signedIn(trainer);
    const preview = await previewRoute.loader(
      loaderArgs(request(`/courses/${course.id}/preview`, { cookie }), { courseId: course.id }),
    );
    const json = JSON.stringify(preview);
    expect(json).not.toContain('"correct"');
    expect(json).not.toContain("explanation");
    expect(json).not.toContain("Acknowledge first.");
  });
});
