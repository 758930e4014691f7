// ESLint flat config: type-aware TypeScript rules plus the layer rules of ARCHITECTURE.md.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const layer = (files, forbidden) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: forbidden.map((dir) => ({
          group: [`**/${dir}/*`, `**/${dir}`],
          message: `layers point down: no import of ${dir}/ here`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test-output/", "bench-output/", "web/dist/", "build/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  // node:test's test() returns a promise the runner itself awaits.
  { files: ["test/**"], rules: { "@typescript-eslint/no-floating-promises": "off" } },
  layer(
    ["src/autodiff/**"],
    ["graph", "tensor", "ops", "nn", "optim", "data", "io", "cli", "backend"],
  ),
  layer(
    ["src/backend/**"],
    ["autodiff", "graph", "tensor", "ops", "nn", "optim", "data", "io", "cli"],
  ),
  layer(["src/graph/**"], ["tensor", "ops", "nn", "optim", "data", "io", "cli"]),
  layer(["src/tensor/**"], ["nn", "optim", "data", "io", "cli"]),
  layer(["src/ops/**"], ["nn", "optim", "data", "io", "cli"]),
  // The CLI is an adapter: it reaches the library through src/node.ts (the public Node entry) only.
  layer(
    ["src/cli/**"],
    [
      "autodiff",
      "backend",
      "graph",
      "tensor",
      "ops",
      "nn",
      "optim",
      "data",
      "io",
      "functional",
      "symbolic",
      "check",
      "viz",
    ],
  ),
  // The playground imports the package by name ("gradus"), never its source files.
  layer(["web/src/**"], ["src"]),
);
