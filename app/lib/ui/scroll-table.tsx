import { Box, Table, Text, type TableScrollContainerProps } from "@mantine/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A table that scrolls sideways when the screen is narrower than it (phones), and says so:
 * a shadow on the edge where columns are hidden and a caption under it. Nothing shows while
 * everything fits, and the page itself never scrolls sideways.
 */
export function ScrollTable({ children, scrollAreaProps, ...props }: TableScrollContainerProps) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const [hiddenRight, setHiddenRight] = useState(false);
  const measure = useCallback(() => {
    const element = viewport.current;
    if (element) setHiddenRight(element.scrollWidth - element.clientWidth - element.scrollLeft > 1);
  }, []);
  useEffect(() => {
    measure();
    const element = viewport.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);
  return (
    <Box pos="relative" data-scroll-table data-hidden-right={hiddenRight || undefined}>
      <Table.ScrollContainer
        {...props}
        scrollAreaProps={{
          ...scrollAreaProps,
          viewportRef: viewport,
          onScrollPositionChange: measure,
          // Keyboard users reach the scrolling region by Tab and scroll it with the arrows.
          viewportProps: { tabIndex: 0, role: "group", "aria-label": t("ui.scrollRegion") },
        }}
      >
        {children}
      </Table.ScrollContainer>
      {hiddenRight && (
        <>
          <div className="uptake-scroll-shadow" aria-hidden />
          <Text size="xs" c="dimmed" ta="right" data-testid="scroll-hint">
            {t("ui.scrollHint")}
          </Text>
        </>
      )}
    </Box>
  );
}
