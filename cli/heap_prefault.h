// Pre-faulting the heap a short run will use, in one system call.
//
// A one-questionnaire run of candidacy touches about 1.2 MB of fresh heap
// (the rulebook read from its image, the screening, the output). Each first
// touch of a page is a page fault; on virtual machines where a fault costs
// microseconds (10 us measured on the benchmark machine, bench/RESULTS.md)
// those faults were a fifth of a cold start. Asking the kernel to populate
// the heap's next pages up front (madvise MADV_POPULATE_WRITE, Linux 5.14)
// costs under one microsecond a page. Elsewhere it is harmless: the pages
// would have been touched anyway, and the kernel may refuse (old kernels),
// which changes nothing but speed.
#pragma once

#include <cstddef>

namespace candidacy::cli {

inline constexpr std::size_t kMaxPrefaultBytes = std::size_t{16} << 20;

// Tunes glibc's allocator for a command that runs briefly or streams a batch
// (large blocks from the heap and kept for reuse, `bytes` of headroom with
// every extension of the main heap: M_MMAP_THRESHOLD, M_TRIM_THRESHOLD,
// M_TOP_PAD) and populates the heap's free top now. Returns the bytes
// populated, at least `bytes` less a page on a heap with less than `bytes`
// free; 0 when `bytes` is 0 or above kMaxPrefaultBytes, or the allocator or
// kernel does not allow it (sanitizers' allocators, kernels before 5.14).
std::size_t PrefaultHeap(std::size_t bytes);

}  // namespace candidacy::cli
