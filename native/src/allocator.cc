// Keeps freed memory warm for reuse: tensors' typed arrays come from glibc malloc (through Node's
// ArrayBuffer allocator), and by default every array of ≥ 128 KiB is a fresh mmap whose pages fault
// on first touch (≈ 0.5 ms per MB here), while numpy reuses memory it freed an instant earlier.
#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
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

bool adviseHugePages(void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Only whole 2 MiB pages inside the buffer: its neighbours on the heap keep their pages.
  constexpr size_t kHuge = size_t(2) << 20;
  const size_t start = (reinterpret_cast<size_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const size_t end = (reinterpret_cast<size_t>(data) + bytes) & ~(kHuge - 1);
  return end > start && madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE) == 0;
#else
  (void)data;
  (void)bytes;
  return false;
#endif
}

}  // namespace gradus
