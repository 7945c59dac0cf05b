// yaml-cpp reading helpers with located diagnostics. Test: tests/engine/base/yaml_util_test.cc.
#include "base/yaml_util.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include <yaml-cpp/depthguard.h>

#include "base/spelling.h"
#include "base/yaml_quotes.h"
#include "candidacy/limits.h"

namespace candidacy::internal {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

YamlFile::YamlFile(std::string display_path, std::string text, std::vector<Diagnostic>* diagnostics)
    : source_(std::move(display_path), std::move(text)), diagnostics_(diagnostics) {}

namespace {

// The deepest nesting of mappings and sequences under `root` (aliases
// followed), capped: the walk stops below `cap` levels, and a node reached
// again at no greater depth is not walked again, so neither an alias bomb nor
// a self-referring alias makes it loop or explode.
int NestingDepth(const YAML::Node& root, int cap, YAML::Mark* deepest) {
  std::map<std::pair<int, int>, int> seen;  // mark (line, column) -> depth walked from
  std::vector<std::pair<YAML::Node, int>> todo = {{root, 0}};
  int max = 0;
  while (!todo.empty()) {
    const auto [node, depth] = todo.back();
    todo.pop_back();
    if (!node.IsMap() && !node.IsSequence()) continue;
    if (depth + 1 > max) {
      max = depth + 1;
      *deepest = node.Mark();
    }
    if (max > cap) return max;
    const YAML::Mark m = node.Mark();
    auto [it, fresh] = seen.emplace(std::make_pair(m.line, m.column), depth);
    if (!fresh) {
      if (it->second >= depth) continue;
      it->second = depth;
    }
    for (const auto& item : node) {
      if (node.IsMap()) todo.emplace_back(item.second, depth + 1);
      else todo.emplace_back(item, depth + 1);
    }
  }
  return max;
}

// The first scalar (key or value) quoted in `text` but never closed there
// (base/yaml_quotes.h), or a null mark. Each container is walked once (by its
// place), so aliases cannot make the walk explode.
YAML::Mark FirstUnclosedQuote(const YAML::Node& root, std::string_view text) {
  std::set<std::pair<int, int>> seen;
  std::vector<YAML::Node> todo = {root};
  auto quoted_open = [&](const YAML::Node& node) {
    return node.IsScalar() && node.Tag() != "?" && !QuotedScalarClosed(text, static_cast<size_t>(node.Mark().pos));
  };
  while (!todo.empty()) {
    const YAML::Node node = todo.back();
    todo.pop_back();
    if (quoted_open(node)) return node.Mark();
    if (!node.IsMap() && !node.IsSequence()) continue;
    if (!seen.emplace(node.Mark().line, node.Mark().column).second) continue;
    for (const auto& item : node) {
      if (node.IsMap()) {
        if (quoted_open(item.first)) return item.first.Mark();
        todo.push_back(item.second);
      } else {
        todo.push_back(item);
      }
    }
  }
  return YAML::Mark::null_mark();
}

}  // namespace

bool YamlFile::Parse() {
  try {
    root_ = YAML::Load(source_.text());
    YAML::Mark deepest;
    if (NestingDepth(root_, limits::kMaxRuleFileDepth, &deepest) > limits::kMaxRuleFileDepth) {
      Report(DiagnosticSeverity::kError, Msg::kFileNestsDeeperThan, WhereMark(deepest), std::to_string(limits::kMaxRuleFileDepth));
      root_ = YAML::Node();  // nothing of the file is read
      return false;
    }
    const YAML::Mark unclosed = FirstUnclosedQuote(root_, source_.text());
    if (!unclosed.is_null()) {
      Report(DiagnosticSeverity::kError, Msg::kUnclosedQuote, WhereMark(unclosed));
      root_ = YAML::Node();
      return false;
    }
    return true;
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own guard (500 levels); its message says only "bad file"
    Report(DiagnosticSeverity::kError, Msg::kFileNestsDeeperThan, WhereMark(e.mark), std::to_string(limits::kMaxRuleFileDepth));
  } catch (const YAML::Exception& e) {
    Report(DiagnosticSeverity::kError, DiagnosticCode::kYamlSyntax, WhereMark(e.mark), e.msg);
  } catch (const std::exception& e) {  // e.g. std::bad_alloc from a hostile document
    Report(DiagnosticSeverity::kError, Msg::kCannotParse, SourceLocation{source_.path(), 0, 0}, e.what());
  }
  return false;
}

SourceLocation YamlFile::WhereMark(const YAML::Mark& mark) const {
  SourceLocation loc;
  loc.file = source_.path();
  if (mark.is_null() || mark.line < 0) return loc;
  loc.line = mark.line + 1;
  loc.column = mark.column + 1;
  return loc;
}

SourceLocation YamlFile::Where(const YAML::Node& node) const {
  if (!node.IsDefined()) return SourceLocation{source_.path(), 0, 0};
  return WhereMark(node.Mark());
}

SourceLocation YamlFile::WhereInScalar(const YAML::Node& node, int offset) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return Where(node);
  const std::string& text = source_.text();
  const std::string& value = node.Scalar();
  size_t pos = source_.OffsetOf(mark.line, mark.column);
  if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '|' || text[pos] == '>')) {
    while (pos < text.size() && text[pos] != '\n') ++pos;
  }
  // Walk the source and the value side by side; whitespace may differ where
  // YAML folds lines, and escapes make the source longer than the value.
  int i = 0;
  while (i < offset && pos < text.size()) {
    if (text[pos] == value[i]) {
      ++pos;
      ++i;
    } else if (IsSpace(text[pos])) {
      ++pos;
    } else if (IsSpace(value[i])) {
      ++i;
    } else {
      ++pos;
      ++i;
    }
  }
  while (pos < text.size() && IsSpace(text[pos]) && i < static_cast<int>(value.size()) && !IsSpace(value[i])) ++pos;
  SourceLocation loc;
  loc.file = source_.path();
  source_.LineColumnOf(pos, &loc.line, &loc.column);
  return loc;
}

void YamlFile::Report(DiagnosticSeverity severity, DiagnosticCode code, SourceLocation where, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  d.source_line = source_.Line(where.line);
  d.location = std::move(where);
  diagnostics_->push_back(std::move(d));
}

bool YamlFile::CheckMapping(const YAML::Node& node, std::string_view what, const std::vector<std::string_view>& allowed,
                            const std::vector<std::string_view>& required) {
  if (!node.IsMap()) {
    Error(Msg::kExpectedMappingKeysValues, node, std::string(what));
    return false;
  }
  std::set<std::string, std::less<>> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) {
      Error(Msg::kExpectedPlainKey, kv.first);
      continue;
    }
    const std::string& key = kv.first.Scalar();
    if (!seen.insert(key).second) {
      Error(Msg::kKeyAppearsTwice, kv.first, key, std::string(what));
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      const std::string hint = ClosestName(key, allowed);
      std::string keys;
      for (auto k : allowed) keys += (keys.empty() ? "" : ", ") + std::string(k);
      Error(Msg::kUnknownKey, kv.first, key, std::string(what), (hint.empty() ? MessageText(Msg::kExpectedOneOfSuffix, keys) : MessageText(Msg::kDidYouMeanSuffix, hint)));
    }
  }
  bool complete = true;
  for (auto key : required) {
    if (seen.count(key) == 0) {
      Error(Msg::kHasNo, node, std::string(what), std::string(key));
      complete = false;
    }
  }
  return complete;
}

bool YamlFile::IsPlainScalar(const YAML::Node& node) { return node.IsScalar() && node.Tag() == "?"; }

bool YamlFile::ParseNumber(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) return false;
  // strtod also takes hex and "inf"/"nan" spellings; YAML's core schema does not.
  for (char c : text)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
  *out = value;
  return true;
}

bool YamlFile::GetString(const YAML::Node& map, const char* key, std::string* out) {
  const YAML::Node v = map[key];
  if (!v.IsDefined()) return true;
  if (!v.IsScalar()) {
    Error(Msg::kText, v, key);
    return false;
  }
  *out = v.Scalar();
  return true;
}

bool YamlFile::GetBool(const YAML::Node& map, const char* key, bool* out) {
  const YAML::Node v = map[key];
  if (!v.IsDefined()) return true;
  if (IsPlainScalar(v)) {
    const std::string& s = v.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") return *out = true, true;
    if (s == "false" || s == "False" || s == "FALSE") return *out = false, true;
  }
  Error(Msg::kTrueFalse, v, key);
  return false;
}

bool YamlFile::GetInt(const YAML::Node& map, const char* key, int min, int max, int* out) {
  const YAML::Node v = map[key];
  if (!v.IsDefined()) return true;
  double d = 0;
  if (!IsPlainScalar(v) || !ParseNumber(v.Scalar(), &d) || d != std::floor(d)) {
    Error(Msg::kWholeNumber, v, key);
    return false;
  }
  if (d < min || d > max) {
    Error(Msg::kFrom, v, key, std::to_string(min), std::to_string(max));
    return false;
  }
  *out = static_cast<int>(d);
  return true;
}

bool YamlFile::GetStringList(const YAML::Node& map, const char* key, std::vector<std::string>* out) {
  const YAML::Node v = map[key];
  if (!v.IsDefined()) return true;
  if (!v.IsSequence()) {
    Error(Msg::kListB, v, key);
    return false;
  }
  bool ok = true;
  out->clear();
  for (const auto& item : v) {
    if (!item.IsScalar()) {
      Error(Msg::kEachItemText, item, key);
      ok = false;
      continue;
    }
    out->push_back(item.Scalar());
  }
  return ok;
}

bool YamlFile::GetSequence(const YAML::Node& map, const char* key, YAML::Node* out) {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    *out = YAML::Node(YAML::NodeType::Sequence);
    return true;
  }
  if (!v.IsSequence()) {
    Error(Msg::kListEntriesEachStarting, v, key);
    return false;
  }
  *out = v;
  return true;
}

}  // namespace candidacy::internal
