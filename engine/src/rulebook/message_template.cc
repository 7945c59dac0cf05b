// Message template parsing. Test: tests/engine/rulebook/message_template_test.cc.
#include "rulebook/message_template.h"

namespace candidacy::internal {

bool ParseMessageTemplate(std::string_view text, const Model& model, std::vector<MessagePart>* parts,
                          std::vector<TemplateError>* errors) {
  const size_t before = errors->size();
  parts->clear();
  std::string literal;
  auto flush = [&] {
    if (literal.empty()) return;
    MessagePart p;
    p.text = std::move(literal);
    parts->push_back(std::move(p));
    literal.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '}') {
      errors->push_back({static_cast<int>(i), "'}' without a matching '{'"});
      ++i;
      continue;
    }
    if (c != '{') {
      literal += c;
      ++i;
      continue;
    }
    const size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) {
      errors->push_back({static_cast<int>(i), "'{' is not closed; placeholders look like {vitals.heart_rate}"});
      break;
    }
    const std::string name(text.substr(i + 1, close - i - 1));
    const int offset = static_cast<int>(i + 1);
    MessagePart p;
    if (name.rfind("class:", 0) == 0) {
      p.kind = MessagePart::Kind::kClass;
      p.index = model.lexicon.FindClass(name.substr(6));
      if (p.index < 0) errors->push_back({offset, "placeholder names unknown medication class '" + name.substr(6) + "'"});
    } else if (auto q = model.question_index.find(name); q != model.question_index.end()) {
      p.kind = MessagePart::Kind::kQuestion;
      p.index = q->second;
    } else if (auto d = model.derived_index.find(name); d != model.derived_index.end()) {
      p.kind = MessagePart::Kind::kDerived;
      p.index = d->second;
    } else {
      errors->push_back({offset, "placeholder {" + name + "} names no question, derived value or class:id"});
    }
    flush();
    parts->push_back(std::move(p));
    i = close + 1;
  }
  flush();
  return errors->size() == before;
}

}  // namespace candidacy::internal
