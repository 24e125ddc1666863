import { getDb } from "~/lib/db.server";
import { eventLoopDelay } from "./event-loop.server";

export async function checkHealth() {
  const started = performance.now();
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return {
      status: "ok" as const,
      database: {
        status: "ok" as const,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      },
      eventLoopDelayMs: eventLoopDelay(),
      time: new Date().toISOString(),
    };
  } catch {
    return {
      status: "error" as const,
      database: { status: "error" as const },
      eventLoopDelayMs: eventLoopDelay(),
      time: new Date().toISOString(),
    };
  }
}
