// Reading tables from files: format by extension, file names in errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCsvFile, readTable } from "../../../src/data/node/read-table.js";

test("CSV, TSV and JSONL files by extension; errors start with the path", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "gradus-read-table-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    writeFileSync(join(folder, name), text);
    return join(folder, name);
  };
  assert.deepEqual((await readTable(file("a.csv", "x,y\n1,2\n"))).rows, [["1", "2"]]);
  assert.deepEqual((await readTable(file("a.tsv", "x\ty\n1\t2\n"))).rows, [["1", "2"]]);
  assert.deepEqual((await readTable(file("a.jsonl", '{"x": 1}\n'))).rows, [[1]]);
  const broken = file("b.csv", "x,y\n1,2\n3\n");
  await assert.rejects(readCsvFile(broken), {
    message: `${broken}:3: expected 2 fields (as in the header), got 1`,
  });
  await assert.rejects(readTable(join(folder, "none.csv")), {
    name: "DataFormatError",
    message: `${join(folder, "none.csv")}: cannot read the file (no such file)`,
  });
  await assert.rejects(readTable(file("a.txt", "")), { message: /unknown file type "\.txt"/ });
});
