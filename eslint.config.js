import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

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
    // Layering: lib never imports a module; browser code never imports *.server.
    files: ["app/lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/modules/*", "~/routes/*"],
              message: "app/lib must not import modules or routes.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/modules/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/routes/*"], message: "Modules must not import routes." }] },
      ],
    },
  },
  {
    // Browser code in modules: no server code, no routes.
    files: [
      "app/modules/**/components/**/*.tsx",
      "app/modules/**/schemas.ts",
      "app/modules/**/*-schemas.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["*.server", "**/*.server"],
              message: "Browser code must not import server modules.",
            },
            { group: ["~/routes/*"], message: "Modules must not import routes." },
          ],
        },
      ],
    },
  },
  {
    // Browser code in lib: no server code, no modules, no routes.
    files: [
      "app/lib/ui/**/*.tsx",
      "app/lib/permissions.ts",
      "app/lib/fields.ts",
      "app/lib/i18n.ts",
      "app/lib/dates.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["*.server", "**/*.server"],
              message: "Browser code must not import server modules.",
            },
            {
              group: ["~/modules/*", "~/routes/*"],
              message: "app/lib must not import modules or routes.",
            },
          ],
        },
      ],
    },
  },
);
