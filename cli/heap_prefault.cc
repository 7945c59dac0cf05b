// Test: tests/cli/heap_prefault_test.cc; measured by bench/run's cold starts.
#include "heap_prefault.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstdlib>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older headers lack the name
#endif

namespace candidacy::cli {

std::size_t PrefaultHeap(std::size_t bytes) {
  if (bytes == 0 || bytes > kMaxPrefaultBytes) return 0;
  // Blocks up to 32 MiB (glibc's largest mmap threshold) from the heap, not
  // a fresh mapping each (whose every page faults again); freed memory kept
  // for reuse rather than trimmed (peak RSS is what it was); `bytes` of
  // headroom with every extension of the main heap.
  if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 || mallopt(M_TRIM_THRESHOLD, 64 << 20) != 1 ||
      mallopt(M_TOP_PAD, static_cast<int>(bytes)) != 1)
    return 0;
  // A block just larger than the free top makes the heap grow by the
  // headroom; freed, it joins the top again. (Through a volatile: the
  // compiler may drop a plain free(malloc(n)).)
  if (const std::size_t top = mallinfo2().keepcost; top < bytes) {
    void* volatile block = std::malloc(top + 64);
    std::free(block);
  }
  // The free top of the heap, [end - keepcost, end): pages never touched yet.
  char* const end = static_cast<char*>(sbrk(0));
  const std::size_t top = mallinfo2().keepcost;
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  if (end == reinterpret_cast<char*>(-1) || top < page) return 0;
  char* const start = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(end - top) + page - 1) & ~(page - 1));
  const auto length = static_cast<std::size_t>(end - start);
  return madvise(start, length, MADV_POPULATE_WRITE) == 0 ? length : 0;
}

}  // namespace candidacy::cli
