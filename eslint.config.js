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
        // relative imports only (a package such as @viz-js/viz is not the folder viz/)
        patterns: forbidden.map((dir) => ({
          regex: `^\\.{1,2}/(\\.\\./)*${dir}(/|$)`,
          message: `layers point down: no import of ${dir}/ here`,
        })),
      },
    ],
  },
});

const FOLDERS = [
  "autodiff",
  "backend",
  "check",
  "cli",
  "data",
  "functional",
  "graph",
  "io",
  "math",
  "nn",
  "ops",
  "optim",
  "symbolic",
  "tensor",
  "viz",
];

/** What each folder may import (the CLI: only src/node.ts, the public Node entry). */
const ALLOWED_IMPORTS = {
  math: [],
  autodiff: [],
  check: [],
  viz: ["graph", "autodiff", "symbolic", "math"],
  backend: ["math"],
  symbolic: ["math"],
  graph: ["autodiff", "symbolic", "math"],
  tensor: ["autodiff", "backend", "ops", "math"],
  ops: ["autodiff", "backend", "tensor", "math"],
  functional: ["autodiff", "backend", "tensor", "ops", "math"],
  nn: ["autodiff", "backend", "tensor", "ops", "functional", "math"],
  data: ["autodiff", "backend", "tensor", "ops", "functional", "math"],
  io: ["backend", "tensor", "math"],
  optim: ["autodiff", "backend", "tensor", "ops", "functional", "nn", "data", "math"],
  cli: [],
};

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
  // Layers point down (ARCHITECTURE.md): every folder of src/ may import only the folders listed here.
  ...Object.entries(ALLOWED_IMPORTS).map(([folder, allowed]) =>
    layer(
      [`src/${folder}/**`],
      FOLDERS.filter((other) => other !== folder && !allowed.includes(other)),
    ),
  ),
  // ops/ calls kernels through the backend contract, never the js reference directly.
  layer(["src/ops/**"], ["backend/js"]),
  // The playground imports the package by name ("gradus"), never its source files.
  layer(["web/src/**"], ["src"]),
);
