// Keeps freed memory warm for reuse: tensors' typed arrays come from glibc malloc (through Node's
// ArrayBuffer allocator), and by default every array of ≥ 128 KiB is a fresh mmap whose pages fault
// on first touch (≈ 0.5 ms per MB here), while numpy reuses memory it freed an instant earlier.
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "kernels.h"

namespace gradus {

bool keepFreedMemoryWarm() {
#if defined(__GLIBC__)
  const char* setting = std::getenv("GRADUS_MALLOC_TUNING");
  if (setting != nullptr && std::strcmp(setting, "0") == 0) return false;
  // Arrays up to 32 MiB come from the heap, and up to 256 MiB of freed heap stays mapped for reuse
  // (instead of being returned to the system and faulted in again by the next step's arrays).
  return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1;
#else
  return false;
#endif
}

}  // namespace gradus
