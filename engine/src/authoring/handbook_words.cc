// Expressions in plain words. Test: tests/engine/authoring/handbook_words_test.cc.
#include "authoring/handbook_words.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace candidacy::internal {
namespace {

// Clinical abbreviations in ids and enum values, spelt out or capitalised.
const std::vector<std::pair<std::string, std::string>>& Abbreviations() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"bp", "blood pressure"}, {"spo2", "SpO2"}, {"mi", "myocardial infarction"},
      {"avm", "arteriovenous malformation"}, {"bmi", "BMI"}, {"ptsd", "PTSD"}, {"ocd", "OCD"},
      {"crps", "CRPS"}, {"ecg", "ECG"}, {"copd", "COPD"}, {"hr", "heart rate"}, {"pcp", "PCP"},
      {"nmda", "NMDA"}, {"maoi", "MAOI"}, {"cyp3a4", "CYP3A4"}, {"ssri", "SSRI"}, {"snri", "SNRI"},
  };
  return table;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == '_' || c == '-' || c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

std::string Spell(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    std::string spelt = w;
    for (const auto& [abbreviation, full] : Abbreviations())
      if (w == abbreviation) spelt = full;
    out += (out.empty() ? "" : " ") + spelt;
  }
  return out;
}

// "A", "A or B", "A, B or C".
std::string Series(const std::vector<std::string>& items, const char* conjunction) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? fmt::format(" {} ", conjunction) : ", ";
    out += items[i];
  }
  return out;
}

std::string Number(double value) { return fmt::format("{}", value); }

class Speaker {
 public:
  explicit Speaker(const Model& model) : model_(model) {}

  std::string Condition(const Node& n) {
    switch (n.kind) {
      case NodeKind::kBoolean: return n.boolean ? "always" : "never";
      case NodeKind::kRef: return Label(n) + " is answered yes";
      case NodeKind::kNot: return Negated(*n.children[0]);
      case NodeKind::kAnd: return Joined(n, " and", NodeKind::kOr);
      case NodeKind::kOr: return Joined(n, ", or", NodeKind::kAnd);
      case NodeKind::kCompare: return Compare(*n.children[0], n.op, *n.children[1]);
      case NodeKind::kIn: return Value(*n.children[0]) + " is " + Series(Items(*n.children[1]), "or");
      case NodeKind::kContains: return Value(*n.children[1]) + " is among the " + Value(*n.children[0]);
      case NodeKind::kContainsAny:
        return AnyOf(*n.children[1]) + " among the " + Value(*n.children[0]);
      case NodeKind::kMedicationClass: return "a listed medication is in the class \"" + ClassTitle(n) + "\"";
      default: return Value(n);
    }
  }

  // A value: a number, a label, a calculation.
  std::string Value(const Node& n) {
    switch (n.kind) {
      case NodeKind::kNumber: return Number(n.number);
      case NodeKind::kString: return ValueWords(n.text);
      case NodeKind::kBoolean: return n.boolean ? "yes" : "no";
      case NodeKind::kRef: return Label(n);
      case NodeKind::kList: return Series(Items(n), "and");
      case NodeKind::kNegate:
        if (n.children[0]->kind == NodeKind::kNumber) return Number(-n.children[0]->number);
        return "minus " + Operand(*n.children[0]);
      case NodeKind::kArith: {
        const char* word = n.arith == '+' ? "plus" : n.arith == '-' ? "minus" : n.arith == '*' ? "times" : "divided by";
        return Operand(*n.children[0]) + " " + word + " " + Operand(*n.children[1]);
      }
      case NodeKind::kRound: {
        const int digits = static_cast<int>(n.number);
        return Value(*n.children[0]) + fmt::format(", rounded to {} decimal{}", digits, digits == 1 ? "" : "s");
      }
      default: return "(" + Condition(n) + ")";
    }
  }

 private:
  std::string Label(const Node& ref) {
    if (ref.index < 0) return LabelFromId(ref.text, "");
    if (ref.ref_is_derived) {
      const Derived& d = model_.derived[ref.index];
      return LabelFromId(d.id, d.unit);
    }
    const Question& q = model_.questions[ref.index];
    return LabelFromId(q.id, q.unit);
  }

  // The unit a value is in: a question's or derived value's, kept through
  // rounding, negation, and adding or subtracting a plain number.
  std::string Unit(const Node& n) {
    switch (n.kind) {
      case NodeKind::kRef:
        if (n.index < 0) return "";
        return n.ref_is_derived ? model_.derived[n.index].unit : model_.questions[n.index].unit;
      case NodeKind::kRound:
      case NodeKind::kNegate: return Unit(*n.children[0]);
      case NodeKind::kArith:
        if (n.arith != '+' && n.arith != '-') return "";
        if (IsNumber(*n.children[1])) return Unit(*n.children[0]);
        if (IsNumber(*n.children[0])) return Unit(*n.children[1]);
        return Unit(*n.children[0]) == Unit(*n.children[1]) ? Unit(*n.children[0]) : "";
      default: return "";
    }
  }

  // A number as written: 18, or -50 (a negated number).
  static bool IsNumber(const Node& n) {
    return n.kind == NodeKind::kNumber || (n.kind == NodeKind::kNegate && n.children[0]->kind == NodeKind::kNumber);
  }

  std::string ClassTitle(const Node& n) {
    const auto& classes = model_.lexicon.classes();
    if (n.index >= 0 && n.index < static_cast<int>(classes.size()) && !classes[n.index].title.empty())
      return classes[n.index].title;
    return ValueWords(n.text);
  }

  std::vector<std::string> Items(const Node& list) {
    std::vector<std::string> items;
    if (list.kind != NodeKind::kList) return {Value(list)};
    for (const auto& c : list.children) items.push_back(Value(*c));
    return items;
  }

  std::string AnyOf(const Node& list) {
    const auto items = Items(list);
    return items.size() == 1 ? items[0] + " is" : "any of " + Series(items, "or") + " is";
  }

  // A calculation inside another is bracketed.
  std::string Operand(const Node& n) {
    return n.kind == NodeKind::kArith ? "(" + Value(n) + ")" : Value(n);
  }

  // "x >= a and x <= b" (either order) reads "x is between a and b".
  bool Between(const Node& a, const Node& b, std::string* out) {
    if (a.kind != NodeKind::kCompare || b.kind != NodeKind::kCompare) return false;
    const Node& la = *a.children[0];
    const Node& lb = *b.children[0];
    if (la.kind != NodeKind::kRef || lb.kind != NodeKind::kRef || la.text != lb.text) return false;
    if (!IsNumber(*a.children[1]) || !IsNumber(*b.children[1])) return false;
    const Node* low = a.op == CompareOp::kGe ? &a : b.op == CompareOp::kGe ? &b : nullptr;
    const Node* high = a.op == CompareOp::kLe ? &a : b.op == CompareOp::kLe ? &b : nullptr;
    if (low == nullptr || high == nullptr) return false;
    *out = fmt::format("{} is between {} and {}{} (inclusive)", Label(la), Value(*low->children[1]),
                       Value(*high->children[1]), WithUnit(Unit(la)));
    return true;
  }

  std::string Joined(const Node& n, const char* conjunction, NodeKind bracketed) {
    std::string between;
    if (n.kind == NodeKind::kAnd && n.children.size() == 2 && Between(*n.children[0], *n.children[1], &between))
      return between;
    std::vector<std::string> parts;
    for (const auto& c : n.children) {
      std::string part = Condition(*c);
      std::string ignored;
      const bool is_range = c->kind == NodeKind::kAnd && c->children.size() == 2 &&
                            Between(*c->children[0], *c->children[1], &ignored);
      if (c->kind == bracketed && !is_range) part = "(" + part + ")";
      parts.push_back(part);
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : std::string(conjunction) + " ") + p;
    return out;
  }

  static std::string WithUnit(const std::string& unit) {
    if (unit.empty()) return "";
    return unit == "%" ? unit : " " + unit;
  }

  static CompareOp Mirror(CompareOp op) {
    switch (op) {
      case CompareOp::kLt: return CompareOp::kGt;
      case CompareOp::kLe: return CompareOp::kGe;
      case CompareOp::kGt: return CompareOp::kLt;
      case CompareOp::kGe: return CompareOp::kLe;
      default: return op;
    }
  }

  static CompareOp Invert(CompareOp op) {
    switch (op) {
      case CompareOp::kEq: return CompareOp::kNe;
      case CompareOp::kNe: return CompareOp::kEq;
      case CompareOp::kLt: return CompareOp::kGe;
      case CompareOp::kLe: return CompareOp::kGt;
      case CompareOp::kGt: return CompareOp::kLe;
      case CompareOp::kGe: return CompareOp::kLt;
    }
    return op;
  }

  static const char* Verb(CompareOp op) {
    switch (op) {
      case CompareOp::kEq: return "is";
      case CompareOp::kNe: return "is not";
      case CompareOp::kLt: return "is below";
      case CompareOp::kLe: return "is at most";
      case CompareOp::kGt: return "is above";
      case CompareOp::kGe: return "is at least";
    }
    return "?";
  }

  std::string Compare(const Node& left, CompareOp op, const Node& right) {
    const bool literal_left = IsNumber(left) || left.kind == NodeKind::kString || left.kind == NodeKind::kBoolean;
    const bool literal_right = IsNumber(right) || right.kind == NodeKind::kString || right.kind == NodeKind::kBoolean;
    if (literal_left && !literal_right) return Compare(right, Mirror(op), left);
    if (right.kind == NodeKind::kBoolean && (op == CompareOp::kEq || op == CompareOp::kNe)) {
      const bool yes = right.boolean == (op == CompareOp::kEq);
      return Value(left) + (yes ? " is answered yes" : " is answered no");
    }
    std::string value = Value(right);
    if (IsNumber(right)) value += WithUnit(Unit(left));
    return Value(left) + " " + Verb(op) + " " + value;
  }

  std::string Negated(const Node& n) {
    switch (n.kind) {
      case NodeKind::kRef: return Label(n) + " is answered no";
      case NodeKind::kNot: return Condition(*n.children[0]);
      case NodeKind::kCompare: return Compare(*n.children[0], Invert(n.op), *n.children[1]);
      case NodeKind::kIn: return Value(*n.children[0]) + " is none of " + Series(Items(*n.children[1]), "or");
      case NodeKind::kContains: return Value(*n.children[1]) + " is not among the " + Value(*n.children[0]);
      case NodeKind::kContainsAny: {
        const auto items = Items(*n.children[1]);
        return (items.size() == 1 ? items[0] + " is not" : "none of " + Series(items, "or") + " is") + " among the " +
               Value(*n.children[0]);
      }
      case NodeKind::kMedicationClass: return "no listed medication is in the class \"" + ClassTitle(n) + "\"";
      default: return "it is not the case that (" + Condition(n) + ")";
    }
  }

  const Model& model_;
};

}  // namespace

std::string LabelFromId(const std::string& id, const std::string& unit) {
  const auto dot = id.rfind('.');
  std::vector<std::string> words = Words(dot == std::string::npos ? id : id.substr(dot + 1));
  if (words.size() >= 3 && words[words.size() - 2] == "months" && words.back() == "ago") {
    words.resize(words.size() - 2);
    return "months since " + Spell(words);
  }
  // A unit abbreviation ending the id is said by the number: "weight is above 150 kg".
  if (words.size() >= 2 && !unit.empty() && unit.size() <= 3 && words.back() == unit) words.pop_back();
  return Spell(words);
}

std::string ValueWords(const std::string& value) { return Spell(Words(value)); }

std::string PlainWords(const Model& model, const Node& node) { return Speaker(model).Condition(node); }

}  // namespace candidacy::internal
