// libFuzzer target: the rulebook loader (YAML files, includes, keys, ids,
// expressions, message templates, lexicon patterns, bands), through the
// public Rulebook::Load on a directory written from the input.
//
// Input format (a "bundle"): the text before the first marker line is
// rulebook.yaml; each line "#=== NAME" starts the file NAME (letters, digits,
// '_', '-', '.', '/'; no "..", at most 16 files, 3 folders deep). fuzz/corpus/rulebook
// holds the shipped rulebook and every tests/bad_rulebooks case in this form
// (fuzz/make_corpus writes them). Checks: a load that fails says why with at
// least one error; a load that succeeds has a rule, a hash and no errors.
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "candidacy/rulebook.h"
#include "fuzz_support.h"

namespace {

namespace fs = std::filesystem;

const fs::path& WorkDir() {
  static const fs::path dir = [] {
    std::string pattern = (fs::temp_directory_path() / "candidacy-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(WorkDir(), ec);
    });
    return fs::path(pattern);
  }();
  return dir;
}

bool SafeName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string::npos ||
      name.back() == '/')
    return false;
  int slashes = 0;
  for (char c : name) {
    if (c == '/') ++slashes;
    else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  }
  return slashes <= 3;
}

// Splits the bundle into (name, content) files; rulebook.yaml first.
std::vector<std::pair<std::string, std::string>> Unbundle(std::string_view text) {
  static constexpr std::string_view kMarker = "#=== ";
  std::vector<std::pair<std::string, std::string>> files{{"rulebook.yaml", ""}};
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    const size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    const std::string_view line = text.substr(pos, next - pos);
    if (line.substr(0, kMarker.size()) == kMarker && files.size() < 16) {
      std::string name(line.substr(kMarker.size()));
      while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.pop_back();
      files.emplace_back(SafeName(name) ? name : "", "");
    } else {
      files.back().second.append(line);
    }
    pos = next;
  }
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace candidacy;
  const fs::path& dir = WorkDir();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove_all(entry.path(), ec);
  for (const auto& [name, content] : Unbundle(fuzz::AsText(data, size))) {
    if (name.empty()) continue;  // a marker with an unusable name: its text is dropped
    const fs::path path = dir / name;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream(path, std::ios::binary).write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  std::shared_ptr<const Rulebook> rulebook;
  std::vector<Diagnostic> diagnostics;
  const Status s = Rulebook::Load(dir.string(), &rulebook, &diagnostics);
  for (const auto& d : diagnostics) (void)FormatDiagnostic(d);
  if (s.ok()) {
    if (!rulebook || HasErrors(diagnostics) || rulebook->sha256().size() != 64) std::abort();
    (void)rulebook->questions();
  } else if (s.code() == StatusCode::kRulebookInvalid && !HasErrors(diagnostics)) {
    std::abort();  // invalid, but no error says why
  }
  return 0;
}
