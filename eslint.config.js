import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import uptakeRules from "./eslint-rules/boundaries.js";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "prisma/generated/**", "test/.db/**", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-restricted-syntax": [
        "error",
        {
          // Routes ask the permission map; they never compare roles themselves.
          selector:
            "BinaryExpression[operator=/^[!=]==$/]:has(> Literal) > MemberExpression[property.name='role']",
          message:
            "Use can()/requirePermission from app/lib/permissions instead of comparing roles.",
        },
      ],
    },
  },
  {
    // The permission map is where roles are compared; tests assert on them.
    files: ["app/lib/permissions.ts", "test/**"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  {
    // Layering (decision 017): routes → module surfaces → lib; browser code never imports
    // *.server; routes never touch the database client.
    files: ["app/**/*.{ts,tsx}"],
    plugins: { uptake: uptakeRules },
    rules: { "uptake/boundaries": "error" },
  },
);
