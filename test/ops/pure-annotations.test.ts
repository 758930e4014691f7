// Every primitive declared at module level is marked pure for bundlers (/* @__PURE__ */ defineOp),
// so a browser app drops the ops it never calls (the install test bounds the bundle's size).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });

test("module-level defineOp calls carry /* @__PURE__ */", () => {
  const missing = files("src").flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) =>
        /^(export )?const \w+(: [^=]+)? = defineOp/.test(line) ? [`${file}:${i + 1}`] : [],
      ),
  );
  assert.deepEqual(missing, []);
});
