import { createElement, lazy, Suspense } from "react";
import { describe, expect, it } from "vitest";
import { renderDocument } from "~/lib/render-document.server";
import { captureLogs } from "../support/logs";

// Every failed render answers 500 and is logged as an error; none is silent (issue 13).

const logs = captureLogs("warn");

/** Suspends until the render is cut off: a page whose data never comes. */
const Stalled = lazy(() => new Promise<never>(() => {}));
function Broken(): never {
  throw new Error("the list component broke");
}

const page = (child: typeof Stalled | typeof Broken) =>
  createElement(
    "html",
    null,
    createElement("body", null, createElement(Suspense, { fallback: "…" }, createElement(child))),
  );

async function render(
  child: typeof Stalled | typeof Broken,
  request = new Request("http://localhost/reports?x=1"),
) {
  logs.length = 0;
  const response = await renderDocument(page(child), {
    request,
    status: 200,
    headers: new Headers({ "Content-Type": "text/html" }),
    abortDelayMs: 50,
  });
  await response.text();
  return { status: response.status, errors: logs.filter((entry) => entry.level === "error") };
}

describe("rendering a document", () => {
  it("answers 200 and logs nothing when the page renders", async () => {
    const response = await renderDocument(
      createElement("html", null, createElement("body", null, "ok")),
      {
        request: new Request("http://localhost/"),
        status: 200,
        headers: new Headers(),
        abortDelayMs: 50,
      },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("ok");
  });

  it("logs a render cut off by the delay as an error and answers 500", async () => {
    const { status, errors } = await render(Stalled);
    expect(status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: "render failed", path: "/reports?x=1" });
    expect(JSON.stringify(errors[0])).toContain("did not render within 50 ms");
  });

  it("logs a component that throws inside a boundary and answers 500", async () => {
    const { status, errors } = await render(Broken);
    expect(status).toBe(500);
    expect(JSON.stringify(errors)).toContain("the list component broke");
  });

  it("does not log a render stopped because the browser went away", async () => {
    const controller = new AbortController();
    const rendering = render(
      Stalled,
      new Request("http://localhost/ideas", { signal: controller.signal }),
    );
    controller.abort();
    await expect(rendering).rejects.toThrow(/abort/i);
    expect(logs.filter((entry) => entry.level === "error")).toEqual([]);
  });
});
