// ESLint (flat config): JavaScript and TypeScript recommended rules, React, hooks and jsx-a11y.
// `npm run lint` allows no warnings: a rule is either an error or off (with the reason here).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "data/", ".cache/", "node_modules/", "tests/e2e/artifacts/"] },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{js,ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // A leading underscore marks a value left out on purpose: a rest pattern that drops a
      // field (`{ id: _id, ...row }`), express's four-argument error handler (`_next`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    // React code lives in app/ and emails/. The tests' `use…` helpers (useSmtpDelivery) are
    // vitest set-ups named like hooks, not React hooks, so the hook rules stay out of tests/.
    files: ["app/**/*.{ts,tsx}", "emails/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "jsx-a11y": jsxA11y },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Kysely<any> is Kysely's own type for code that works on any database shape: the frozen
    // migrations, the whole-database copy, the engine probe. There is no narrower type to give.
    files: ["db/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Migrations are frozen once released: not edited, not even to drop an unused import.
    files: ["db/migrations/**/*.ts"],
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
  {
    // Tests call route modules with hand-built arguments and read their loosely typed answers;
    // typing those in full would add noise, not safety.
    files: ["tests/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
