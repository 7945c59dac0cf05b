// cli/heap_prefault.cc: the heap's headroom is populated (resident) up front,
// and the allocator goes on working over it. Each TEST_CASE runs in its own
// process (catch_discover_tests), so the setting does not leak between them.
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "heap_prefault.h"

namespace {

// Pages of [start, start + length) that are resident, per mincore(2).
[[maybe_unused]] std::size_t ResidentPages(char* start, std::size_t length) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> in_core((length + page - 1) / page);
  if (mincore(start, length, in_core.data()) != 0) return 0;
  std::size_t n = 0;
  for (unsigned char c : in_core) n += c & 1;
  return n;
}

}  // namespace

TEST_CASE("PrefaultHeap refuses sizes it cannot pass to the allocator", "[heap_prefault]") {
  using candidacy::cli::PrefaultHeap;
  CHECK(PrefaultHeap(0) == 0);
  CHECK(PrefaultHeap(candidacy::cli::kMaxPrefaultBytes + 1) == 0);
}

TEST_CASE("PrefaultHeap makes the heap's free top resident and malloc keeps working", "[heap_prefault]") {
  // A heap that has already grown and has free space of its own, as after a
  // program's start-up.
  std::vector<void*> earlier;
  for (int i = 0; i < 40; ++i) earlier.push_back(std::malloc(16 * 1024));
  for (void* p : earlier) std::free(p);
  const std::size_t bytes = std::size_t{1} << 20;
  const bool little_free = mallinfo2().fordblks < bytes;  // as at a program's start; not so when run after other tests
  const std::size_t populated = candidacy::cli::PrefaultHeap(bytes);
#ifdef CANDIDACY_TEST_SANITIZED
  // The sanitizers' allocator has no main heap: nothing to populate.
  CHECK(populated == 0);
  (void)little_free;
#else
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  if (little_free) CHECK(populated >= bytes - page);
  REQUIRE(populated > 0);
  REQUIRE(populated % page == 0);
  char* const end = static_cast<char*>(sbrk(0));
  CHECK(ResidentPages(end - populated, populated) == populated / page);
#endif
  // Blocks carved from the populated top hold what is written to them; a
  // large one comes from the heap too (under the raised mmap threshold).
  std::vector<char*> blocks;
  for (int i = 0; i < 64; ++i) {
    blocks.push_back(static_cast<char*>(std::malloc(8192)));
    REQUIRE(blocks.back() != nullptr);
    std::memset(blocks.back(), i, 8192);
  }
  char* large = static_cast<char*>(std::malloc(3 << 20));
  REQUIRE(large != nullptr);
  std::memset(large, 7, 3 << 20);
  CHECK(large[(3 << 20) - 1] == 7);
  std::free(large);
  for (int i = 0; i < 64; ++i) {
    CHECK(blocks[i][0] == static_cast<char>(i));
    CHECK(blocks[i][8191] == static_cast<char>(i));
    std::free(blocks[i]);
  }
}
