// The open connections. Test: tests/cli/serve_test.sh.
#include "connection_registry.h"

#include <vector>

namespace candidacy::service {

std::uint64_t ConnectionRegistry::Add(std::function<void()> close_if_idle) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::uint64_t id = next_++;
  open_.emplace(id, std::move(close_if_idle));
  return id;
}

void ConnectionRegistry::Remove(std::uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  open_.erase(id);
}

void ConnectionRegistry::CloseIdle() {
  std::vector<std::function<void()>> calls;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [id, call] : open_) calls.push_back(call);
  }
  for (const auto& call : calls) call();
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_.size();
}

}  // namespace candidacy::service
