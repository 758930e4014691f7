// Node-only: where kernel outputs live. Malloc without zero-fill (every kernel writes its whole output),
// and from 4 MiB up (numpy's threshold) advised onto transparent huge pages when the addon can.
import { setUninitializedStorage } from "./dtype.js";

const HUGE_PAGE_MIN_BYTES = 4 << 20;

/**
 * Installs the Node provider of uninitialised storage. `advise` marks a large buffer for huge pages
 * (the native addon's); GRADUS_HUGE_PAGES=0 leaves every buffer on ordinary pages.
 */
export function useNodeStorage(advise: ((buffer: ArrayBuffer) => unknown) | null): void {
  const huge = process.env.GRADUS_HUGE_PAGES === "0" ? null : advise;
  setUninitializedStorage((bytes) => {
    const buffer = Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer;
    if (huge !== null && bytes >= HUGE_PAGE_MIN_BYTES) huge(buffer);
    return buffer;
  });
}
