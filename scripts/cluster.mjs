// One server process per core (decision 022): the primary forks the workers, replaces one that
// dies (backing off when they keep dying) and, on SIGTERM or SIGINT, has every worker finish
// its in-flight requests before it exits. Each worker runs scripts/server.mjs as a single
// process would; `drainOnSignal` is that graceful stop, used by workers and single processes.
import cluster from "node:cluster";
import os from "node:os";
import { logger } from "./logger.mjs";

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
export const SHUTDOWN_LIMIT_MS = 10_000;
/** A worker that lived this long was healthy: its next crash starts the back-off afresh. */
const STABLE_MS = 30_000;
const FIRST_RESTART_MS = 250;
const MAX_RESTART_MS = 30_000;

/**
 * How many server processes to run: WEB_CONCURRENCY when set (a positive whole number),
 * otherwise one per core the process may use. Throws on any other value.
 */
export function workerCount(setting = process.env.WEB_CONCURRENCY) {
  if (setting === undefined) return os.availableParallelism();
  const count = Number(setting);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`WEB_CONCURRENCY must be a positive whole number, not "${setting}"`);
  }
  return count;
}

/** Delay before the next restart of a slot whose worker died `crashes` times in a row. */
export function restartDelay(crashes) {
  return Math.min(MAX_RESTART_MS, FIRST_RESTART_MS * 2 ** Math.max(0, crashes - 1));
}

/**
 * The primary: forks `count` workers running `exec`. Slot 0's worker (and each replacement of
 * it) runs the periodic jobs if UPTAKE_JOBS allows; the others are given UPTAKE_JOBS=off, so
 * one server runs the jobs once however many cores it has.
 */
export function runPrimary({ count, exec }) {
  cluster.setupPrimary({ exec });
  const slots = new Map(); // worker id → { slot, startedAt }
  const crashes = new Array(count).fill(0);
  let stopping = false;
  let stoppedCleanly = true;

  const fork = (slot) => {
    const worker = cluster.fork(slot === 0 ? {} : { UPTAKE_JOBS: "off" });
    slots.set(worker.id, { slot, startedAt: Date.now() });
  };

  cluster.on("exit", (worker, code, signal) => {
    const { slot, startedAt } = slots.get(worker.id);
    slots.delete(worker.id);
    if (stopping) {
      // A worker that had to cut requests at its limit exits 1: so does the primary.
      if (code !== 0) stoppedCleanly = false;
      if (slots.size === 0) {
        logger.info({ workers: count, stoppedCleanly }, "every worker stopped");
        process.exit(stoppedCleanly ? 0 : 1);
      }
      return;
    }
    crashes[slot] = Date.now() - startedAt >= STABLE_MS ? 1 : crashes[slot] + 1;
    const restartInMs = restartDelay(crashes[slot]);
    logger.error(
      { worker: worker.id, workerPid: worker.process.pid, code, signal, restartInMs },
      "worker exited; starting a replacement",
    );
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, restartInMs);
  });

  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: slots.size }, "stopping: workers finish in-flight requests");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (slots.size === 0) process.exit(0);
    // A worker that outlives its own limit is stuck: end it, and say so with the exit code.
    setTimeout(() => {
      logger.error({ workers: slots.size }, "workers did not stop in time; killing them");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS + 5_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  logger.info({ workers: count }, "cluster primary started");
  for (let slot = 0; slot < count; slot++) fork(slot);
}

/**
 * Graceful stop for one HTTP server: on SIGTERM or SIGINT it stops accepting connections, lets
 * in-flight requests finish (idle keep-alive connections are closed, and answers given while
 * stopping say `Connection: close`), runs `beforeClose` first, then exits 0 — or 1 when requests
 * were still running after `limitMs` and their connections were cut.
 */
export function drainOnSignal(server, { beforeClose, limitMs = SHUTDOWN_LIMIT_MS } = {}) {
  let stopping = false;
  // Call before adding the app's listener, so this runs before anything is sent.
  server.on("request", (_req, res) => {
    if (stopping && !res.headersSent) res.setHeader("Connection", "close");
  });
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing in-flight requests");
    await beforeClose?.();
    const cut = setTimeout(() => {
      logger.error({ limitMs }, "requests still running at the shutdown limit; cutting them");
      server.closeAllConnections();
      process.exit(1);
    }, limitMs);
    // A keep-alive connection becomes idle once its answer is sent: close it then.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(cut);
      clearInterval(sweep);
      logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
