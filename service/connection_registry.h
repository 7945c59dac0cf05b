// The open connections, so a shutdown can close those waiting for a request
// while those with a request in flight finish it (then close). Beast-free.
// Tested by tests/cli/serve_test.sh (SIGTERM with 50 requests in flight).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace candidacy::service {

class ConnectionRegistry {
 public:
  // `close_if_idle` is called (from CloseIdle's thread; it should only post
  // work to the connection's own executor) when the server stops.
  std::uint64_t Add(std::function<void()> close_if_idle);
  void Remove(std::uint64_t id);
  void CloseIdle();
  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  std::uint64_t next_ = 1;
  std::unordered_map<std::uint64_t, std::function<void()>> open_;
};

}  // namespace candidacy::service
