// ESLint's recommended rules over the browser glue (scripts/test runs it before the tests; pinned in package.json).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: ["widgets/js/**/*.mjs"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      // page modules and the engine's module worker share the same files
      globals: { ...globals.browser, ...globals.worker },
    },
  },
  {
    files: ["widgets/js/**/*.js"], // classic worker scripts (Material's search worker wrapper)
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2024, sourceType: "script", globals: globals.worker },
  },
  {
    files: ["widgets/snapshot/**/*.mjs"], // the build-time snapshot maker runs in Node
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: globals.node },
  },
];
