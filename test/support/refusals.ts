// The status a module function refuses with, for tests that call modules directly (routes'
// refusals are Responses: see thrownStatus in factories.ts).
import { AppError } from "~/lib/errors";

export async function refusalStatus(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
  throw new Error("expected a refusal");
}
