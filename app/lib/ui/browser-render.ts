import { useIsomorphicEffect } from "@mantine/hooks";
import { useState } from "react";

/**
 * False on the server and in the render that hydrates it, true from the next render, which
 * runs before the browser paints (a layout effect): a component can send cheap markup from
 * the server and swap in its interactive, costlier self before anyone can use it.
 */
export function useBrowserRender() {
  const [inBrowser, setInBrowser] = useState(false);
  useIsomorphicEffect(() => setInBrowser(true), []);
  return inBrowser;
}
