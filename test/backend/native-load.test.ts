// Which addon file the Node entry loads: this platform's prebuilt binary first, then the local build;
// a candidate that fails to load is passed over with its reason, and no candidate at all says so.
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { addonPath, loadNativeBinding, nativeCandidates } from "../../src/backend/native/load.js";

const built = addonPath();
const platform = `${process.platform}-${process.arch}`;
const roots = mkdtempSync(join(tmpdir(), "gradus-native-load-"));
let count = 0;
after(() => rmSync(roots, { recursive: true, force: true }));

/** A fake package root holding the given files (path → source file to copy, or text to write). */
function packageWith(files: Record<string, { copy: string } | { text: string }>): string {
  const root = join(roots, String(count++));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if ("copy" in content) copyFileSync(content.copy, join(root, path));
    else writeFileSync(join(root, path), content.text);
  }
  return root;
}

const prebuilt = `prebuilds/${platform}/node.napi.glibc.node`;
const local = "native/build/Release/gradus.node";

test("candidates: this platform's N-API prebuilds (sorted), then the local build", () => {
  const root = packageWith({
    [`prebuilds/${platform}/node.napi.musl.node`]: { text: "" },
    [prebuilt]: { text: "" },
    [`prebuilds/${platform}/node.abi115.node`]: { text: "" },
    "prebuilds/other-arch/node.napi.glibc.node": { text: "" },
    [local]: { text: "" },
  });
  assert.deepEqual(nativeCandidates(root, platform), [
    { path: join(root, prebuilt), source: "prebuilt" },
    { path: join(root, `prebuilds/${platform}/node.napi.musl.node`), source: "prebuilt" },
    { path: join(root, local), source: "local build" },
  ]);
  assert.deepEqual(nativeCandidates(packageWith({}), platform), []);
});

test("no candidate: the reason names the platform and how to build one", () => {
  const root = packageWith({});
  const load = loadNativeBinding(root);
  assert.equal(load.binding, null);
  if (load.binding === null) {
    assert.match(load.reason, new RegExp(`^no prebuilt binary for ${platform} and no local build`));
    assert.match(load.reason, /build-native\.mjs builds one/);
  }
});

test("the prebuilt binary wins over the local build", { skip: !existsSync(built) }, () => {
  const root = packageWith({ [prebuilt]: { copy: built }, [local]: { copy: built } });
  const load = loadNativeBinding(root);
  assert.notEqual(load.binding, null);
  if (load.binding !== null)
    assert.deepEqual([load.path, load.source], [join(root, prebuilt), "prebuilt"]);
});

test(
  "a prebuilt binary that cannot load falls back to the local build",
  { skip: !existsSync(built) },
  () => {
    const root = packageWith({
      [prebuilt]: { text: "not a shared object" },
      [local]: { copy: built },
    });
    const load = loadNativeBinding(root);
    assert.notEqual(load.binding, null);
    if (load.binding !== null) assert.equal(load.source, "local build");
  },
);

test("when every candidate fails, each one's reason is given", () => {
  const root = packageWith({ [prebuilt]: { text: "not a shared object" } });
  const load = loadNativeBinding(root);
  assert.equal(load.binding, null);
  if (load.binding === null)
    assert.ok(load.reason.startsWith(`${join(root, prebuilt)}: `), load.reason);
});
