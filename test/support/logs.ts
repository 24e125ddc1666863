import { afterAll, beforeAll } from "vitest";
import { logger, setLogDestination } from "~/lib/logger.server";

/**
 * The structured log lines written during this file's tests, parsed, at `level` and above
 * (the logger is silent in tests otherwise). Clear the array to start afresh.
 */
export function captureLogs(level: "info" | "warn" = "info"): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  let previousDestination: ReturnType<typeof setLogDestination>;
  let previousLevel: string;
  beforeAll(() => {
    previousLevel = logger.level;
    logger.level = level;
    previousDestination = setLogDestination({
      write: (line: string) => entries.push(JSON.parse(line) as Record<string, unknown>),
    });
  });
  afterAll(() => {
    setLogDestination(previousDestination);
    logger.level = previousLevel;
  });
  return entries;
}
