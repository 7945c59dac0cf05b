// A medication entry echoed as the rulebook's lexicon reads it, with the
// closest names when it is not recognised. Test: tests/engine/intake/interview_echo_test.cc.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "base/spelling.h"
#include "candidacy/interview.h"
#include "decide/answer_value.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {

using internal::AsciiLower;
using internal::Model;

MedicationEcho RecognizeMedication(const Rulebook& rulebook, const std::string& text) {
  const Model& m = internal::ModelOf(rulebook);
  const internal::Lexicon& lexicon = m.lexicon;
  MedicationEcho echo;
  const internal::MedicationMatch match = lexicon.Match(text, m.probable_medications);
  echo.entry = internal::MedicationEntryOf(lexicon, text, match);
  if (match.recognized || !match.probable.empty()) return echo;

  // Suggestions: the lexicon name closest to each word, and to each pair of
  // adjacent words (for names such as "st john's wort"), first met first.
  std::vector<std::string> lowered;
  std::vector<size_t> origin;
  for (size_t i = 0; i < lexicon.names().size(); ++i) {
    if (lexicon.names()[i].is_pattern) continue;
    lowered.push_back(AsciiLower(lexicon.names()[i].text));
    origin.push_back(i);
  }
  std::vector<std::string_view> candidates(lowered.begin(), lowered.end());
  std::vector<std::string> words;
  std::string word;
  for (char c : AsciiLower(text) + " ") {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'' || c == '-') {
      word += c;
    } else {
      if (word.size() >= 3) words.push_back(word);
      word.clear();
    }
  }
  std::vector<std::string> tries;
  for (size_t i = 0; i < words.size(); ++i) {
    tries.push_back(words[i]);
    if (i + 1 < words.size()) tries.push_back(words[i] + " " + words[i + 1]);
  }
  for (const auto& t : tries) {
    if (echo.suggestions.size() >= 3) break;
    const std::string best = internal::ClosestName(t, candidates);
    if (best.empty()) continue;
    const size_t k = static_cast<size_t>(std::find(lowered.begin(), lowered.end(), best) - lowered.begin());
    const std::string& name = lexicon.names()[origin[k]].text;
    if (std::find(echo.suggestions.begin(), echo.suggestions.end(), name) == echo.suggestions.end())
      echo.suggestions.push_back(name);
  }
  return echo;
}

}  // namespace candidacy
