// The command's diagnostics on stderr ("candidacy: info: ..."). Formatting
// with fmt here; writing through spdlog in log.cc alone, whose logger is
// made the first time a line is due: most commands log nothing at the
// default level (warn), and spdlog linked as a shared library and set up at
// start-up cost about a millisecond of every cold start (bench/RESULTS.md).
// Privacy: questionnaire ids and counts only; never answers or free text
// (tests/cli/bad_questionnaires_test.sh checks the most verbose level).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace candidacy::cli {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };

// The levels' names, in LogLevel's order: "trace", "debug", "info", "warn", "error", "off".
std::vector<std::string> LogLevelNames();
// One of LogLevelNames(); false for anything else.
bool ParseLogLevel(std::string_view name, LogLevel* level);
void SetLogLevel(LogLevel level);  // kWarn until set
bool ShouldLog(LogLevel level);
void WriteLog(LogLevel level, std::string_view message);  // one line, if ShouldLog(level)
// One info line whatever the level, unless it is off (the service's startup and shutdown lines).
void WriteNotice(std::string_view message);

template <typename... Args>
void Log(LogLevel level, fmt::format_string<Args...> format, Args&&... args) {
  if (ShouldLog(level)) WriteLog(level, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace candidacy::cli
