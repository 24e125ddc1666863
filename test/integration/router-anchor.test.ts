import { describe, expect, it } from "vitest";
import { routerLinkTarget, type AnchorFacts, type ClickFacts } from "~/lib/ui/router-anchor";

// RouterAnchor's one listener must follow exactly the clicks React Router's Link follows,
// and leave every other click (new tab, download, another site, already handled) to the
// browser or to the Link that handled it.
const PLAIN_CLICK: ClickFacts = {
  defaultPrevented: false,
  button: 0,
  metaKey: false,
  altKey: false,
  ctrlKey: false,
  shiftKey: false,
};
const APP_LINK: AnchorFacts = {
  href: "https://uptake.test/reports/people/p1?tab=history#top",
  target: "",
  download: false,
  discover: true,
};
const CURRENT = { origin: "https://uptake.test", path: "/reports/departments/d1" };

describe("routerLinkTarget", () => {
  it("follows a plain left click on an app link with the client router", () => {
    expect(routerLinkTarget(PLAIN_CLICK, APP_LINK, CURRENT)).toEqual({
      path: "/reports/people/p1?tab=history#top",
      replace: false,
    });
    expect(routerLinkTarget(PLAIN_CLICK, { ...APP_LINK, target: "_self" }, CURRENT)).toEqual({
      path: "/reports/people/p1?tab=history#top",
      replace: false,
    });
  });

  it("replaces the history entry when the link is the current address", () => {
    expect(
      routerLinkTarget(
        PLAIN_CLICK,
        { ...APP_LINK, href: "https://uptake.test/reports/departments/d1" },
        CURRENT,
      ),
    ).toEqual({ path: "/reports/departments/d1", replace: true });
  });

  it.each([
    ["a middle click", { button: 1 }],
    ["a click with Ctrl", { ctrlKey: true }],
    ["a click with ⌘", { metaKey: true }],
    ["a click with Shift", { shiftKey: true }],
    ["a click with Alt", { altKey: true }],
    ["a click a Link already handled", { defaultPrevented: true }],
  ])("leaves %s to the browser", (_name, change) => {
    expect(routerLinkTarget({ ...PLAIN_CLICK, ...change }, APP_LINK, CURRENT)).toBeNull();
  });

  it.each([
    ["a link opening another tab", { target: "_blank" }],
    ["a download", { download: true }],
    ["a plain link (a file or resource route)", { discover: false }],
    ["a link to another site", { href: "https://example.com/reports" }],
  ])("leaves %s to the browser", (_name, change) => {
    expect(routerLinkTarget(PLAIN_CLICK, { ...APP_LINK, ...change }, CURRENT)).toBeNull();
  });
});
