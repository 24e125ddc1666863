import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { logger } from "~/lib/logger.server";

// Event-loop delay of this server process (decision 027): one monitor per process, read by
// /healthz and written to the log once a minute when something held the loop.

/** One report window: the log line covers it, /healthz the last full one and the current. */
const WINDOW_MS = 60_000;
/** A window whose longest pause reaches this is logged (a task past the ~50 ms budget). */
const LOG_FROM_MAX_MS = 50;
/** A window whose p99 reaches this is a warning (the target is p99 < 100 ms). */
const WARN_FROM_P99_MS = 100;

export interface EventLoopDelay {
  /** 99th percentile of the delay, in milliseconds. */
  p99: number;
  /** Longest delay, in milliseconds. */
  max: number;
  /** How long the figures cover, in seconds. */
  windowSeconds: number;
}

interface Monitor {
  histogram: IntervalHistogram;
  windowStart: number;
  previous: EventLoopDelay | null;
}

const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e5) / 10;

function figures(monitor: Monitor): EventLoopDelay {
  const { histogram } = monitor;
  return {
    p99: histogram.count > 0 ? ms(histogram.percentile(99)) : 0,
    max: histogram.count > 0 ? ms(histogram.max) : 0,
    windowSeconds: Math.round((performance.now() - monitor.windowStart) / 1000),
  };
}

function closeWindow(monitor: Monitor) {
  const window = figures(monitor);
  monitor.previous = window;
  monitor.histogram.reset();
  monitor.windowStart = performance.now();
  const line = { eventLoopDelayMs: window };
  if (window.p99 >= WARN_FROM_P99_MS) logger.warn(line, "event loop delayed");
  else if (window.max >= LOG_FROM_MAX_MS) logger.info(line, "event loop delay");
}

/** Starts this process's monitor once (the server entry calls it; later calls do nothing). */
export function startEventLoopMonitor(): Monitor {
  const state = globalThis as { __uptakeEventLoop?: Monitor };
  if (state.__uptakeEventLoop) return state.__uptakeEventLoop;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const monitor: Monitor = { histogram, windowStart: performance.now(), previous: null };
  setInterval(() => closeWindow(monitor), WINDOW_MS).unref();
  state.__uptakeEventLoop = monitor;
  return monitor;
}

/**
 * The worse of the last full window and the current one (p99 and max each): a rolling view
 * of one to two minutes that a check just after a window closed does not see as empty.
 */
export function eventLoopDelay(): EventLoopDelay {
  const monitor = startEventLoopMonitor();
  const current = figures(monitor);
  const previous = monitor.previous;
  if (!previous) return current;
  return {
    p99: Math.max(previous.p99, current.p99),
    max: Math.max(previous.max, current.max),
    windowSeconds: previous.windowSeconds + current.windowSeconds,
  };
}
