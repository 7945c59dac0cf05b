// Validating a document's answers against the rulebook's questions: type,
// range, allowed values, list limits, duplicates, unknown fields (a warning).
// Written once over a document *view*, so the located reader (DocNode, every
// message placed) and the batch's fast path (simdjson's DOM, no places) share
// every decision. Views: input/doc_node_view.h (the interface) and input/simd_view.h.
// Tested by tests/engine/input/questionnaire_test.cc, tests/engine/input/document_json_fast_test.cc.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "base/diagnostic_messages.h"
#include "candidacy/limits.h"
#include "input/answers.h"
#include "input/doc_node_view.h"
#include "input/document.h"
#include "input/document_fhir.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// A validator's tables, which a caller reading line after line (the batch's
// fast path) keeps from one document to the next, so that none is allocated.
struct ValidatorScratch {
  std::vector<char> seen;  // per question: an answer (or null) was given
  std::vector<std::pair<int, int>> answered_at;  // per question seen: its answer's line and column
  std::vector<char> groups_seen;  // per group (Model::groups): met in this document
  std::vector<std::string_view> path;  // the keys from the root to the field being read (into the document)
  // Text answers given back by the last document read into the same Answers:
  // strings that keep their memory, so a batch allocates none for a text it
  // has room for already.
  std::vector<std::string> spare_texts;
};

template <typename View>
class AnswerValidator {
 public:
  // `scratch`: tables kept by the caller, or null (the validator's own).
  AnswerValidator(const Model& model, const std::string& file, Answers* answers, std::vector<Diagnostic>* errors,
                  ValidatorScratch* scratch = nullptr)
      : model_(model), file_(file), answers_(answers), errors_(errors), s_(scratch != nullptr ? *scratch : own_) {
    // Emptied in place: a reused Answers keeps its lists' memory.
    if (answers_->by_question.size() != model.questions.size()) {
      answers_->by_question.clear();
      answers_->by_question.resize(model.questions.size());
    } else {
      for (Answer& a : answers_->by_question) {
        a.present = a.null_given = a.implied = false;
        a.number = 0;
      }
      // Only a list question's answer holds a list (ReadAnswer fills no other).
      for (int q : model.list_questions) {
        Answer& a = answers_->by_question[q];
        a.enum_list.clear();
        for (std::string& t : a.texts) s_.spare_texts.push_back(std::move(t));
        a.texts.clear();
      }
    }
    s_.seen.assign(model.questions.size(), 0);
    s_.answered_at.resize(model.questions.size());
    s_.groups_seen.assign(model.groups.size(), 0);
  }

  void set_origins(const FhirOrigins* origins) { origins_ = origins; }

  [[gnu::noinline]] void Root(const View& root) {  // (its own function: bench/budget.py's row)
    if (root.kind() != DocNode::Kind::kObject) {
      Cold([&] { Error(root, CodeOf(Msg::kQuestionnaireMappingFieldsId), "", MessageText(Msg::kQuestionnaireMappingFieldsId, DocKindName(root.kind()))); });
      return;
    }
    bool has_id = false;
    root.ForEachMember([&](std::string_view key, const View& value) {
      if (key == "id") {
        // Twice only on the fast path: the located readers refuse duplicate keys first.
        if (has_id) return Cold([&] { Error(value, CodeOf(Msg::kAppearsTwiceDocument), "id", MessageText(Msg::kAppearsTwiceDocument)); });
        has_id = true;
        ReadId(value);
      } else {
        if constexpr (View::kLocated) s_.path.assign(1, key);
        Field(FieldIndex::kRoot, key, value, 1);
      }
    });
    if (!has_id) Cold([&] { Error(root, CodeOf(Msg::kQuestionnaireHasNoId), "id", MessageText(Msg::kQuestionnaireHasNoId)); });
    Implied();
  }

 private:
  static std::string Number(double v) { return fmt::format("{}", v); }

  // A short, safe rendering of a scalar for an error message.
  static std::string Shown(const View& n) {
    switch (n.kind()) {
      case DocNode::Kind::kBool: return n.boolean() ? "true" : "false";
      case DocNode::Kind::kInt: return std::to_string(n.integer());
      case DocNode::Kind::kFloat: return Number(n.real());
      case DocNode::Kind::kString: {
        const std::string_view t = n.text();
        return "'" + (t.size() > 40 ? std::string(t.substr(0, 40)) + "..." : std::string(t)) + "'";
      }
      default: return DocKindName(n.kind());
    }
  }

  void Error(const View& at, DiagnosticCode code, const std::string& path, std::string message) {
    errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, code, file_, at.line(), at.column(),
                                          (path.empty() ? std::move(message) : path + ": " + message) + Origin(at)));
  }

  // Runs `report` out of line: a message is built only on the way to an
  // error, and its strings and calls kept out of the functions every answer
  // goes through keep their frames small (the batch's fast path reads
  // hundreds of thousands of answers a second and reports none).
  template <typename Report>
  [[gnu::noinline, gnu::cold]] static void Cold(Report&& report) {
    report();
  }

  // Where a converted (FHIR) node came from: " (linkId 'x', at item[2].answer[0].valueInteger)"; "" otherwise.
  std::string Origin(const View& at) const {
    if (origins_ == nullptr || at.origin() == nullptr) return "";
    auto it = origins_->find(at.origin());
    return it == origins_->end() ? "" : it->second;
  }

  void ReadId(const View& v) {
    if (v.kind() != DocNode::Kind::kString) {
      Cold([&] { Error(v, CodeOf(Msg::kExpectedTextFound), "id", MessageText(Msg::kExpectedTextFound, DocKindName(v.kind()))); });
    } else if (v.text().size() > limits::kMaxTextBytes) {
      Cold([&] { Error(v, CodeOf(Msg::kBytesLongLimit), "id", MessageText(Msg::kBytesLongLimit, std::to_string(v.text().size()), std::to_string(limits::kMaxTextBytes))); });
    } else if (v.text().find_first_not_of(" \t\r\n") == std::string_view::npos) {
      Cold([&] { Error(v, CodeOf(Msg::kIdEmpty), "id", MessageText(Msg::kIdEmpty)); });
    } else {
      answers_->id.assign(v.text().data(), v.text().size());
    }
  }

  // `key` (itself perhaps dotted) under `parent` (a group, or the root);
  // s_.path holds the keys from the root to it, `key` last (a located view's).
  void Field(int parent, std::string_view key, const View& value, int depth) {
    const FieldIndex::Target target = model_.fields.Resolve(parent, key);
    if (target.question >= 0) {
      ReadAnswer(target.question, value);
      return;
    }
    if (target.group >= 0) return Group(target.group, value, depth);
    Cold([&] {
      const std::string path = Path();
      answers_->warnings.push_back(DocumentDiagnostic(
          DiagnosticSeverity::kWarning, CodeOf(Msg::kUnknownFieldIgnoredRulebook), file_, value.line(), value.column(),
          MessageText(Msg::kUnknownFieldIgnoredRulebook, (path.size() > 80 ? path.substr(0, 80) + "..." : path), Origin(value))));
    });
  }

  // A group such as `vitals`: it must hold its answers. (Apart from Field,
  // which most keys leave at once for ReadAnswer, to keep that one small.)
  [[gnu::noinline]] void Group(int group, const View& value, int depth) {
    if (s_.groups_seen[group]++ != 0)  // (as for id above)
      return Cold([&] { Error(value, CodeOf(Msg::kAppearsTwiceDocument), Path(), MessageText(Msg::kAppearsTwiceDocument)); });
    if (value.kind() == DocNode::Kind::kObject) {
      if (depth < limits::kMaxDocumentDepth) {
        value.ForEachMember([&](std::string_view child_key, const View& child) {
          if constexpr (View::kLocated) s_.path.push_back(child_key);
          Field(group, child_key, child, depth + 1);
          if constexpr (View::kLocated) s_.path.pop_back();
        });
      }
    } else if (value.kind() != DocNode::Kind::kNull) {
      Cold([&] {
        const std::string path = Path();
        Error(value, CodeOf(Msg::kExpectedMappingAnswersFound), path,
              MessageText(Msg::kExpectedMappingAnswersFound, path, DocKindName(value.kind())));
      });
    }
  }

  // implied_by: an unanswered boolean question whose implying question is
  // answered is read as true, and said (a questionnaire written before the
  // question existed: a months-since answer means "yes, ever").
  void Implied() {
    for (int q : model_.implied) {
      Answer& a = answers_->by_question[q];
      const int by = model_.questions[q].implied_by;
      if (a.present || !answers_->by_question[by].present) continue;
      a.present = true;
      a.null_given = false;
      a.implied = true;
      a.number = 1;
      const std::pair<int, int> at = View::kLocated ? s_.answered_at[by] : std::pair<int, int>(0, 0);
      Cold([&] { answers_->warnings.push_back(DocumentDiagnostic(
          DiagnosticSeverity::kWarning, CodeOf(Msg::kNotAnsweredReadYes), file_, at.first, at.second,
          MessageText(Msg::kNotAnsweredReadYes, model_.questions[q].id, model_.questions[by].id))); });
    }
  }

  // The dotted path of the field being read, for a message. (A view with no
  // places, the batch's fast path, says nothing: it declines on any message,
  // and keeps no path.)
  std::string Path() const {
    if constexpr (!View::kLocated) return {};
    std::string path;
    for (size_t i = 0; i < s_.path.size(); ++i) {
      if (i > 0) path += '.';
      path.append(s_.path[i].data(), s_.path[i].size());
    }
    return path;
  }

  void ReadAnswer(int index, const View& v) {
    const Question& q = model_.questions[index];
    Answer& a = answers_->by_question[index];
    // `patient: {age: 38}` and `patient.age: 17` in one document: which is meant?
    if (!s_.seen[index]) {
      s_.seen[index] = 1;
      if constexpr (View::kLocated) s_.answered_at[index] = {v.line(), v.column()};
    } else {
      return Cold([&] { Error(v, CodeOf(Msg::kAnsweredTwiceDocumentKeep), q.id, MessageText(Msg::kAnsweredTwiceDocumentKeep)); });
    }
    if (v.kind() == DocNode::Kind::kNull) {  // explicitly unanswered
      a.null_given = true;
      return;
    }
    switch (q.type) {
      case QuestionType::kInteger:
      case QuestionType::kNumber: {
        double x;
        if (v.kind() == DocNode::Kind::kInt) {
          x = static_cast<double>(v.integer());
        } else if (v.kind() == DocNode::Kind::kFloat) {
          x = v.real();
          if (!std::isfinite(x)) return Cold([&] { Error(v, CodeOf(Msg::kExpectedFiniteNumberFound), q.id, MessageText(Msg::kExpectedFiniteNumberFound, Shown(v))); });
          if (q.type == QuestionType::kInteger && x != std::floor(x))
            return Cold([&] { Error(v, CodeOf(Msg::kExpectedWholeNumberFound), q.id, MessageText(Msg::kExpectedWholeNumberFound, Unit(q), Shown(v))); });
        } else {
          return Cold([&] { Error(v, CodeOf(Msg::kExpectedNumberFound), q.id,
                       MessageText(Msg::kExpectedNumberFound, (q.type == QuestionType::kInteger ? "a whole number" : "a number"), Unit(q), DocKindName(v.kind()), (v.kind() == DocNode::Kind::kString ? " " + Shown(v) : ""))); });
        }
        if (q.has_range && (x < q.min || x > q.max))
          return Cold([&] { Error(v, CodeOf(Msg::kOutsideAllowedRange), q.id, MessageText(Msg::kOutsideAllowedRange, Number(x), Number(q.min), Number(q.max), Unit(q))); });
        a.number = x;
        break;
      }
      case QuestionType::kBoolean:
        if (v.kind() != DocNode::Kind::kBool)
          return Cold([&] { Error(v, CodeOf(Msg::kExpectedTrueFalseFound), q.id, MessageText(Msg::kExpectedTrueFalseFound, Shown(v))); });
        a.number = v.boolean() ? 1 : 0;
        break;
      case QuestionType::kEnum: {
        const int k = EnumIndex(q, v, q.id);
        if (k < 0) return;
        a.number = k;
        break;
      }
      case QuestionType::kEnumList:
      case QuestionType::kTextList:
        if (!ReadList(q, v, a)) return;
        break;
    }
    a.present = true;
  }

  // A list answer's items into `a`; false after reporting. (Apart from
  // ReadAnswer, which most answers, scalars, leave at once.)
  [[gnu::noinline]] bool ReadList(const Question& q, const View& v, Answer& a) {
    if (v.kind() != DocNode::Kind::kArray) {
      Cold([&] { Error(v, CodeOf(Msg::kExpectedListFound), q.id, MessageText(Msg::kExpectedListFound, DocKindName(v.kind()))); });
      return false;
    }
    if (v.size() > limits::kMaxListItems) {
      Cold([&] { Error(v, CodeOf(Msg::kListsItemsLimit), q.id, MessageText(Msg::kListsItemsLimit, std::to_string(v.size()), std::to_string(limits::kMaxListItems))); });
      return false;
    }
    bool ok = true;
    size_t i = 0;
    v.ForEachItem([&](const View& item) {
      auto where = [&] { return q.id + "[" + std::to_string(i) + "]"; };
      if (q.type == QuestionType::kEnumList) {
        const int k = EnumIndex(q, item, {}, i);
        if (k < 0) ok = false;
        else a.enum_list.push_back(k);
      } else if (item.kind() != DocNode::Kind::kString) {
        Cold([&] { Error(item, CodeOf(Msg::kExpectedTextFound), where(), MessageText(Msg::kExpectedTextFound, DocKindName(item.kind()))); });
        ok = false;
      } else if (item.text().size() > limits::kMaxTextBytes) {
        Cold([&] { Error(item, CodeOf(Msg::kBytesLongLimit), where(), MessageText(Msg::kBytesLongLimit, std::to_string(item.text().size()), std::to_string(limits::kMaxTextBytes))); });
        ok = false;
      } else if (item.text().find_first_not_of(" \t\r\n") == std::string_view::npos) {
        Cold([&] { Error(item, CodeOf(Msg::kEmptyRemoveWriteMedication), where(), MessageText(Msg::kEmptyRemoveWriteMedication)); });
        ok = false;
      } else {
        Text(&a, item.text());  // never echoed in diagnostics: free text
      }
      ++i;
    });
    return ok;
  }

  // Appends `text` to a's texts, in a spare string when there is one.
  void Text(Answer* a, std::string_view text) {
    if (s_.spare_texts.empty()) {
      a->texts.emplace_back(text);
      return;
    }
    a->texts.push_back(std::move(s_.spare_texts.back()));
    s_.spare_texts.pop_back();
    a->texts.back().assign(text.data(), text.size());
  }

  // The value's index among the question's values, or -1 after reporting.
  // `path` names the answer; empty for item `item` of a list answer.
  int EnumIndex(const Question& q, const View& v, const std::string& path, size_t item = 0) {
    if (v.kind() == DocNode::Kind::kString)
      for (size_t i = 0; i < q.values.size(); ++i)
        if (q.values[i] == v.text()) return static_cast<int>(i);
    Cold([&] {
      std::string allowed;
      for (const auto& value : q.values) allowed += (allowed.empty() ? "" : ", ") + value;
      Error(v, CodeOf(Msg::kNotOneAllowedValues), path.empty() ? q.id + "[" + std::to_string(item) + "]" : path,
            MessageText(Msg::kNotOneAllowedValues, Shown(v), allowed));
    });
    return -1;
  }

  static std::string Unit(const Question& q) { return q.unit.empty() ? "" : " " + q.unit; }

  const Model& model_;
  const std::string& file_;
  Answers* answers_;
  std::vector<Diagnostic>* errors_;
  ValidatorScratch own_;  // used when the caller gives none
  ValidatorScratch& s_;
  const FhirOrigins* origins_ = nullptr;  // set for a converted FHIR QuestionnaireResponse
};

// The batch's fast path (document_json_fast.cc): a JSON questionnaire read
// with simdjson into *out, true only when the located reader would accept it
// with the same answers and no warning. False says nothing: read it again
// with ParseJsonDocument and AnswerValidator<DocNodeView> for the messages.
// `padded`: kReadPaddingBytes readable bytes follow the text (ReadOptions::padded).
// A FHIR resource goes on to ReadFhirAnswersFast (input/fhir_answers.h);
// `fhir_only` (InputFormat::kFhir) takes nothing else.
bool ReadJsonAnswersFast(const Model& model, std::string_view text, bool padded, Answers* out, bool fhir_only = false);

}  // namespace candidacy::internal
