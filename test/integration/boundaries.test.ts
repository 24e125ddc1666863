import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import boundaries of decision 017, proved on deliberate violations: each snippet is
// linted as if it were the named file, and the rule must report it (or, for the allowed
// imports, stay silent).
const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "uptake/boundaries")
    .map((m) => m.message);
}

const cases: [string, string, string, RegExp | null][] = [
  [
    "lib imports a module by alias",
    "app/lib/example.server.ts",
    'import { listIdeas } from "~/modules/ideas/index.server";',
    /app\/lib must not import a module/,
  ],
  [
    "lib imports a module by relative path",
    "app/lib/example.server.ts",
    'import { listIdeas } from "../modules/ideas/index.server";',
    /app\/lib must not import a module/,
  ],
  [
    "a route reaches into a module",
    "app/routes/example.tsx",
    'import { listRules } from "~/modules/learning/rules.server";',
    /public surface/,
  ],
  [
    "a module reaches into another by relative path",
    "app/modules/reports/example.server.ts",
    'import { listRules } from "../learning/rules.server";',
    /public surface/,
  ],
  [
    "browser code imports server code",
    "app/modules/ideas/components/example.tsx",
    'import { listIdeas } from "~/modules/ideas/index.server";',
    /Browser code must not import server code/,
  ],
  [
    "a module's browser surface imports a server file",
    "app/modules/ideas/index.ts",
    'export * from "./board.server";',
    /Browser code must not import server code/,
  ],
  [
    "a route uses the database client",
    "app/routes/example.tsx",
    'import { getDb } from "~/lib/db.server";',
    /never uses the database client/,
  ],
  [
    "a module imports a route",
    "app/modules/ideas/example.server.ts",
    'import { loader } from "~/routes/ideas/board";',
    /Nothing imports a route/,
  ],
  [
    "a route imports a module's surfaces",
    "app/routes/example.tsx",
    'import { a } from "~/modules/ideas";\nimport { b } from "~/modules/ideas/index.server";',
    null,
  ],
  [
    "a module imports its own files and lib",
    "app/modules/ideas/example.server.ts",
    'import { a } from "./schemas";\nimport { getDb } from "~/lib/db.server";',
    null,
  ],
];

describe("import boundaries", () => {
  it.each(cases)("%s", async (_name, file, code, expected) => {
    const errors = await boundaryErrors(file, code);
    if (expected) {
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error).toMatch(expected);
    } else {
      expect(errors).toEqual([]);
    }
  });
});
