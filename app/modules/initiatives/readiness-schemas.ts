// The readiness report's query and route parameters (decision 038), shared by the server and
// the filter form.
import { z } from "zod";

const id = z.string().trim().min(1).max(40);

/** ?pulse=…&department=… — an unusable value is dropped (the default pulse, every department). */
export const readinessQuerySchema = z.object({
  pulse: id.optional().catch(undefined),
  department: id.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ReadinessQueryInput = z.output<typeof readinessQuerySchema>;

export const readinessParamsSchema = z.object({ initiativeId: id });
export const readinessDepartmentParamsSchema = z.object({ initiativeId: id, departmentId: id });
