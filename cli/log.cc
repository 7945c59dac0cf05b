// The one file that uses spdlog (header-only here: no shared library to load
// at every start). Test: tests/cli/install_test.sh and rulebook_cache_test.sh
// (debug lines), bad_questionnaires_test.sh (privacy at trace level),
// usage_test.sh (a bad --log-level).
#include "log.h"

#include <array>
#include <atomic>
#include <memory>

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace candidacy::cli {
namespace {

constexpr std::array<std::string_view, 6> kNames = {"trace", "debug", "info", "warn", "error", "off"};

std::atomic<int> g_level{static_cast<int>(LogLevel::kWarn)};

spdlog::logger& Logger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto made = spdlog::stderr_color_mt("candidacy");
    made->set_pattern("candidacy: %l: %v");
    made->set_level(spdlog::level::trace);  // ShouldLog filters
    return made;
  }();
  return *logger;
}

}  // namespace

std::vector<std::string> LogLevelNames() { return std::vector<std::string>(kNames.begin(), kNames.end()); }

bool ParseLogLevel(std::string_view name, LogLevel* level) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) {
      *level = static_cast<LogLevel>(i);
      return true;
    }
  return false;
}

void SetLogLevel(LogLevel level) { g_level.store(static_cast<int>(level), std::memory_order_relaxed); }

bool ShouldLog(LogLevel level) {
  return level != LogLevel::kOff && static_cast<int>(level) >= g_level.load(std::memory_order_relaxed);
}

void WriteLog(LogLevel level, std::string_view message) {
  if (!ShouldLog(level)) return;
  static_assert(static_cast<int>(LogLevel::kError) == spdlog::level::err && static_cast<int>(LogLevel::kTrace) == spdlog::level::trace,
                "LogLevel follows spdlog's order");
  Logger().log(static_cast<spdlog::level::level_enum>(level), "{}", message);
}

void WriteNotice(std::string_view message) {
  if (g_level.load(std::memory_order_relaxed) == static_cast<int>(LogLevel::kOff)) return;
  Logger().log(spdlog::level::info, "{}", message);
  Logger().flush();
}

}  // namespace candidacy::cli
