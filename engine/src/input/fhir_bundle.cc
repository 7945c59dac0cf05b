// A FHIR R4 Bundle -> one neutral questionnaire document: its
// QuestionnaireResponse's answers merged with what the clinical resources say
// (input/fhir_clinical.h), the safer answer where they disagree, and the
// source of every answer. Mapping and precedence: docs/fhir.md. Written over a
// document view, for the located tree and the batch's simdjson DOM.
// Test: tests/engine/input/fhir_bundle_test.cc, fhir_fast_test.cc, tests/cli/fhir_bundle_test.sh.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "base/diagnostic_messages.h"
#include "input/document_fhir.h"
#include "input/fhir_clinical.h"
#include "input/doc_node_view.h"
#include "input/simd_view.h"

namespace candidacy::internal {
namespace {

using Kind = DocNode::Kind;


std::string ValueText(const DocNode& v) {
  switch (v.kind) {
    case Kind::kBool: return v.boolean ? "true" : "false";
    case Kind::kInt: return std::to_string(v.integer);
    case Kind::kFloat: return fmt::format("{}", v.real);
    case Kind::kString: return v.text;
    case Kind::kNull: return "unanswered";
    case Kind::kArray: {
      std::string out;
      for (const auto& item : v.items) out += (out.empty() ? "" : ", ") + ValueText(item);
      return out;
    }
    default: return "?";
  }
}

double Number(const DocNode& v) { return v.kind == Kind::kInt ? static_cast<double>(v.integer) : v.real; }

bool SameValue(const DocNode& a, const DocNode& b) {
  const bool na = a.kind == Kind::kInt || a.kind == Kind::kFloat, nb = b.kind == Kind::kInt || b.kind == Kind::kFloat;
  if (na && nb) return Number(a) == Number(b);
  if (a.kind != b.kind) return false;
  if (a.kind == Kind::kBool) return a.boolean == b.boolean;
  if (a.kind == Kind::kString) return a.text == b.text;
  return false;
}

int ValueIndex(const Question& q, const DocNode& v) {
  if (v.kind != Kind::kString) return -1;
  auto it = std::find(q.values.begin(), q.values.end(), v.text);
  return it == q.values.end() ? -1 : static_cast<int>(it - q.values.begin());
}

// Which of two differing answers is the safer; 0: a, 1: b, -1: neither.
int Safer(const Question& q, Precedence p, const DocNode& a, const DocNode& b) {
  switch (p) {
    case Precedence::kYesWins:
      if (a.kind == Kind::kBool && b.kind == Kind::kBool) return a.boolean ? 0 : 1;
      return -1;
    case Precedence::kLaterValueWins: {
      const int ia = ValueIndex(q, a), ib = ValueIndex(q, b);
      if (ia < 0 || ib < 0) return -1;
      return ia > ib ? 0 : 1;
    }
    case Precedence::kHigherWins:
    case Precedence::kLowerWins: {
      const bool na = a.kind == Kind::kInt || a.kind == Kind::kFloat, nb = b.kind == Kind::kInt || b.kind == Kind::kFloat;
      if (!na || !nb) return -1;
      return (Number(a) > Number(b)) == (p == Precedence::kHigherWins) ? 0 : 1;
    }
    case Precedence::kNeither: return -1;
  }
  return -1;
}

const char* Why(Precedence p) {
  switch (p) {
    case Precedence::kYesWins: return "yes wins: a yes can raise a flag";
    case Precedence::kLaterValueWins: return "the more severe value wins";
    case Precedence::kHigherWins: return "the higher reading wins: it is the more concerning";
    case Precedence::kLowerWins: return "the lower reading wins: it is the more concerning";
    case Precedence::kNeither: return "no answer is safer: left unanswered, so the question is asked";
  }
  return "";
}

template <typename View>
class BundleReader {
 public:
  BundleReader(const Model& model, const std::string& file, std::vector<Diagnostic>* errors, std::vector<Diagnostic>* warnings)
      : m_(model), file_(file), errors_(errors), warnings_(warnings) {}

  void Run(const View& bundle, DocNode* out, FhirOrigins* origins, std::vector<std::string>* sources,
           std::vector<std::string>* medication_sources, EhrRecord* ehr) {
    Type(bundle);
    Entries(bundle);
    ehr->present = true;
    ehr->mapping_sha256 = m_.ehr.sha256;

    // The questionnaire's answers (or, with none, the Bundle's id).
    DocNode qr_doc;
    FhirOrigins qr_origins;
    std::vector<FhirMember> qr_members;  // one per member of qr_doc: its linkId (into the response) and question
    std::string qr_name = "QuestionnaireResponse";
    if (qr_ != nullptr) {
      if (const std::optional<View> id = qr_->resource.Member("id"); id && id->kind() == Kind::kString) qr_name += "/" + std::string(id->text());
      FhirResponseToDocument(qr_->resource, m_, file_, &qr_doc, &qr_origins, errors_, warnings_, qr_->at + ".", &qr_members);
    } else {
      qr_doc.kind = Kind::kObject;
      qr_doc.line = bundle.line();
      qr_doc.column = bundle.column();
      std::optional<View> id = bundle.Member("id");
      if (!id)
        if (const std::optional<View> identifier = bundle.Member("identifier")) id = identifier->Member("value");
      if (id) {
        qr_doc.members.emplace_back("id", ToDocNode(*id));
        qr_members.push_back(FhirMember{});
      }
      qr_origins[&qr_doc] = " (at Bundle.id)";
    }

    // The screening date: QuestionnaireResponse.authored, else Bundle.timestamp.
    int day = -1;
    std::optional<View> date_node = qr_ != nullptr ? qr_->resource.Member("authored") : std::nullopt;
    std::string date_source = qr_name + ".authored";
    if (!date_node) {
      date_node = bundle.Member("timestamp");
      date_source = "Bundle.timestamp";
    }
    bool date_error = false;
    if (date_node) {
      if (date_node->kind() != Kind::kString || !ParseFhirDay(date_node->text(), &day)) {
        errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kNotAFhirDate), file_, date_node->line(), date_node->column(),
                                              MessageText(Msg::kNotAFhirDate, date_node->kind() == Kind::kString ? ShortText(date_node->text()) : DocKindName(date_node->kind())) +
                                                  " (at " + date_source + ")"));
        day = -1;
        date_error = true;
      } else {
        ehr->screening_date = FhirDayText(day);
        ehr->date_source = date_source;
      }
    }

    EhrFacts facts;
    if (m_.ehr.loaded) ReadClinicalResources(resources_, m_, day, file_, &facts, errors_);
    if (facts.needs_date && day < 0 && !date_error)
      errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kNoScreeningDate), file_, bundle.line(), bundle.column(),
                                            MessageText(Msg::kNoScreeningDate, "a Patient birthDate or a vital-sign Observation") + " (at Bundle)"));

    Merge(qr_doc, qr_origins, qr_members, qr_name, facts, out, origins, sources, medication_sources, ehr);
    ehr->not_used = std::move(facts.not_used);
  }

 private:
  void Error(const View& at, Msg id, const std::string& a, const std::string& where) {
    errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(id), file_, at.line(), at.column(), MessageText(id, a) + " (at " + where + ")"));
  }

  void Type(const View& bundle) {
    const std::optional<View> type = bundle.Member("type");
    static const char* kRead[] = {"collection", "searchset", "transaction", "document"};
    if (type && type->kind() == Kind::kString)
      for (const char* t : kRead)
        if (type->text() == t) return;
    const View at = type ? *type : bundle;
    Error(at, Msg::kBundleTypeNotRead,
          !type ? std::string("(none given)") : type->kind() == Kind::kString ? "'" + ShortText(type->text()) + "'" : std::string("of ") + DocKindName(type->kind()),
          "type");
  }

  void Resource(const View& r, const std::string& at, std::string_view full_url, bool contained) {
    if (r.kind() != Kind::kObject) {
      Error(r, Msg::kExpectedResourceObject, DocKindName(r.kind()), at);
      return;
    }
    const std::optional<View> type = r.Member("resourceType");
    if (!type || type->kind() != Kind::kString) {
      Error(type ? *type : r, Msg::kExpectedResourceObject, !type ? "a mapping with no resourceType" : DocKindName(type->kind()), at + ".resourceType");
      return;
    }
    FhirResourceRefOf<View> ref;
    ref.resource = r;
    ref.type = type->text();
    ref.at = at;
    ref.full_url = full_url;
    if (const std::optional<View> id = r.Member("id"); id && id->kind() == Kind::kString) ref.id = id->text();
    if (ref.type == "QuestionnaireResponse") {
      if (has_qr_) {
        errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kSecondQuestionnaireResponse), file_, r.line(), r.column(),
                                              MessageText(Msg::kSecondQuestionnaireResponse, "QuestionnaireResponse", resources_[qr_index_].at) + " (at " + at + ")"));
        return;
      }
      qr_index_ = resources_.size();
      resources_.push_back(ref);
      qr_ = nullptr;  // set after the list stops growing
      has_qr_ = true;
      return;
    }
    if (ref.type == "Patient") {
      for (const auto& other : resources_)
        if (other.type == "Patient") {
          errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kSecondQuestionnaireResponse), file_, r.line(), r.column(),
                                                MessageText(Msg::kSecondQuestionnaireResponse, "Patient", other.at) + " (at " + at + ")"));
          return;
        }
    }
    resources_.push_back(ref);
    // A QuestionnaireResponse contained in another resource (say, an Encounter or a Composition).
    if (!contained)
      if (const std::optional<View> list = r.Member("contained"); list && list->kind() == Kind::kArray) {
        size_t i = 0;
        list->ForEachItem([&](const View& c) {
          const std::optional<View> t = c.Member("resourceType");
          if (t && t->kind() == Kind::kString && t->text() == "QuestionnaireResponse")
            Resource(c, at + ".contained[" + std::to_string(i) + "]", "", true);
          ++i;
        });
      }
  }

  void Entries(const View& bundle) {
    const std::optional<View> entries = bundle.Member("entry");
    if (entries && entries->kind() != Kind::kArray) {
      errors_->push_back(DocumentDiagnostic(DiagnosticSeverity::kError, CodeOf(Msg::kFhirFieldExpected), file_, entries->line(), entries->column(),
                                            MessageText(Msg::kFhirFieldExpected, "Bundle.entry", "a list of entries", DocKindName(entries->kind())) + " (at entry)"));
      return;
    }
    if (entries) {
      resources_.reserve(entries->size() + 1);
      size_t i = 0;
      entries->ForEachItem([&](const View& e) {
        const std::string at = "entry[" + std::to_string(i++) + "]";
        if (e.kind() != Kind::kObject) {
          Error(e, Msg::kExpectedEntryObject, DocKindName(e.kind()), at);
          return;
        }
        const std::optional<View> resource = e.Member("resource");
        if (!resource) return;  // a transaction's DELETE, say: nothing to read
        const std::optional<View> full_url = e.Member("fullUrl");
        Resource(*resource, at + ".resource", full_url && full_url->kind() == Kind::kString ? full_url->text() : std::string_view(), false);
      });
    }
    if (has_qr_) qr_ = &resources_[qr_index_];
  }

  // One answer per question from the EHR: the latest reading, the safer on a tie.
  std::map<int, EhrFact> Combine(std::vector<EhrFact>& facts) {
    std::map<int, EhrFact> best;
    for (auto& f : facts) {
      auto it = best.find(f.question);
      if (it == best.end()) {
        best.emplace(f.question, std::move(f));
        continue;
      }
      EhrFact& b = it->second;
      if (f.day > b.day || (f.day == b.day && !SameValue(f.value, b.value) &&
                            Safer(m_.questions[f.question], f.precedence, f.value, b.value) == 0))
        b = std::move(f);
    }
    return best;
  }

  void Merge(DocNode& qr_doc, const FhirOrigins& qr_origins, const std::vector<FhirMember>& qr_members, const std::string& qr_name,
             EhrFacts& facts, DocNode* out, FhirOrigins* origins, std::vector<std::string>* sources,
             std::vector<std::string>* medication_sources, EhrRecord* ehr) {
    *out = DocNode{};
    out->kind = Kind::kObject;
    out->line = qr_doc.line;
    out->column = qr_doc.column;
    std::map<int, EhrFact> ehr_answers = Combine(facts.answers);
    std::vector<std::string> item_origins, qr_item_origins;  // the medications list's
    const std::string meds_id = m_.medications_question >= 0 ? m_.questions[m_.medications_question].id : "";
    // Copies first (origins are keyed by address: set them once members stop moving).
    std::vector<std::string> member_origins;
    out->members.reserve(qr_doc.members.size() + ehr_answers.size() + 1);
    member_origins.reserve(out->members.capacity());
    std::vector<int> member_questions;  // by member: the question its key names, or -1
    member_questions.reserve(out->members.capacity());
    bool has_meds = false;
    for (size_t i = 0; i < qr_doc.members.size(); ++i) {
      auto& [key, value] = qr_doc.members[i];
      std::string origin;
      // Moved, not copied (qr_doc is not read again); the list items' origins first.
      std::vector<std::string> value_item_origins;
      if constexpr (View::kLocated) {  // (the fast path has no origins)
        auto o = qr_origins.find(&value);
        if (o != qr_origins.end()) origin = o->second;
        for (const auto& item : value.items) {
          auto io = qr_origins.find(&item);
          value_item_origins.push_back(io == qr_origins.end() ? "" : io->second);
        }
      } else {
        value_item_origins.resize(value.items.size());
      }
      const int value_line = value.line, value_column = value.column;
      DocNode v = std::move(value);
      const int q = qr_members[i].question;
      const std::string_view link_id = qr_members[i].link_id;
      std::string qr_source;  // qr_name + " linkId '" + ShortText(link_id) + "'", in one allocation
      qr_source.reserve(qr_name.size() + link_id.size() + 14);
      qr_source.append(qr_name).append(" linkId '").append(link_id.substr(0, 80)).append(link_id.size() > 80 ? "...'" : "'");
      if (q >= 0 && q == m_.medications_question) {
        has_meds = true;
        for (auto& io : value_item_origins) {
          qr_item_origins.push_back(std::move(io));
          medication_sources->push_back(qr_source);
        }
        if (v.kind == Kind::kNull && !facts.medications.empty()) v.kind = Kind::kArray;  // asked, unanswered: the EHR's list
        if (v.kind == Kind::kArray)
          for (auto& med : facts.medications) {
            v.items.push_back(med.text);
            qr_item_origins.push_back(med.origin);
            medication_sources->push_back(med.source);
          }
        item_origins = qr_item_origins;
      } else if (q >= 0) {
        auto e = ehr_answers.find(q);
        if (e != ehr_answers.end()) {
          EhrFact& fact = e->second;
          if (v.kind == Kind::kNull) {  // asked, not answered: the EHR answers it (the fact is dropped after)
            v = std::move(fact.value);
            origin = std::move(fact.origin);
            (*sources)[q] = std::move(fact.source);
          } else if (SameValue(v, fact.value)) {
            (*sources)[q] = qr_source + "; agrees with " + fact.source;
          } else {
            const Question& question = m_.questions[q];
            const int safer = Safer(question, fact.precedence, v, fact.value);
            const std::string said = ValueText(v);
            EhrDisagreement d{key, said, qr_source, ValueText(fact.value), fact.source,
                              safer == 0 ? "questionnaire" : safer == 1 ? "ehr" : "neither", Why(fact.precedence)};
            ehr->disagreements.push_back(std::move(d));
            if (safer == 1) {
              v = fact.value;
              origin = fact.origin;
              (*sources)[q] = fact.source + "; the questionnaire said " + said;
            } else if (safer == 0) {
              (*sources)[q] = qr_source + "; " + fact.source + " said " + ValueText(fact.value);
            } else {
              v = DocNode{};
              v.line = value_line;
              v.column = value_column;
            }
          }
          ehr_answers.erase(e);
        } else if (v.kind != Kind::kNull) {
          (*sources)[q] = std::move(qr_source);  // not read again
        }
      }
      out->members.emplace_back(std::move(key), std::move(v));
      member_origins.push_back(std::move(origin));
      member_questions.push_back(q);
    }
    // What only the EHR answers, in rulebook order.
    for (auto& [question, fact] : ehr_answers) {
      const std::string& id = m_.questions[question].id;
      out->members.emplace_back(id, std::move(fact.value));
      member_origins.push_back(std::move(fact.origin));
      member_questions.push_back(question);
      (*sources)[question] = std::move(fact.source);
    }
    if (!has_meds && !facts.medications.empty() && !meds_id.empty()) {
      DocNode list;
      list.kind = Kind::kArray;
      list.line = facts.medications.front().text.line;
      list.column = facts.medications.front().text.column;
      for (auto& med : facts.medications) {
        list.items.push_back(med.text);
        item_origins.push_back(med.origin);
        medication_sources->push_back(med.source);
      }
      out->members.emplace_back(meds_id, std::move(list));
      member_origins.push_back(" (the Bundle's medication resources)");
      member_questions.push_back(m_.medications_question);
    }
    // The record: every answer given and its source, in rulebook order (a
    // question's members in document order), medications last.
    std::vector<std::pair<int, size_t>> by_question;  // (question, member)
    for (size_t i = 0; i < out->members.size(); ++i) {
      if (out->members[i].second.kind == Kind::kNull) continue;
      const int q = member_questions[i];
      if (q >= 0 && q != m_.medications_question) by_question.emplace_back(q, i);
    }
    std::sort(by_question.begin(), by_question.end());
    ehr->answers.reserve(ehr->answers.size() + by_question.size() + medication_sources->size());
    for (const auto& [q, i] : by_question) {
      const std::string& id = m_.questions[q].id;
      const std::string& source = (*sources)[q];
      if (!source.empty()) ehr->answers.push_back({id, ValueText(out->members[i].second), source});
    }
    for (const auto& [key, value] : out->members)
      if (key == meds_id && value.kind == Kind::kArray)
        for (size_t k = 0; k < value.items.size() && k < medication_sources->size(); ++k)
          ehr->answers.push_back({meds_id, ValueText(value.items[k]), (*medication_sources)[k]});
    if (!View::kLocated) return;  // origins are for messages: the fast path has none
    auto root = qr_origins.find(&qr_doc);
    (*origins)[out] = root == qr_origins.end() ? "" : root->second;
    for (size_t i = 0; i < out->members.size(); ++i) {
      DocNode& v = out->members[i].second;
      (*origins)[&v] = member_origins[i];
      if (out->members[i].first == meds_id)
        for (size_t k = 0; k < v.items.size() && k < item_origins.size(); ++k) (*origins)[&v.items[k]] = item_origins[k];
    }
  }

  const Model& m_;
  const std::string& file_;
  std::vector<Diagnostic>* errors_;
  std::vector<Diagnostic>* warnings_;
  std::vector<FhirResourceRefOf<View>> resources_;
  const FhirResourceRefOf<View>* qr_ = nullptr;
  size_t qr_index_ = 0;
  bool has_qr_ = false;
};

}  // namespace

template <typename View>
bool FhirBundleToDocument(const View& bundle, const Model& model, const std::string& file, DocNode* out,
                            FhirOrigins* origins, std::vector<std::string>* sources,
                            std::vector<std::string>* medication_sources, EhrRecord* ehr,
                            std::vector<Diagnostic>* errors, std::vector<Diagnostic>* warnings) {
  const std::optional<View> type = bundle.kind() == Kind::kObject ? bundle.Member("resourceType") : std::nullopt;
  if (!type || type->kind() != Kind::kString || type->text() != "Bundle") return false;
  sources->assign(model.questions.size(), std::string());
  BundleReader<View> reader(model, file, errors, warnings);
  reader.Run(bundle, out, origins, sources, medication_sources, ehr);
  return true;
}

template bool FhirBundleToDocument(const DocNodeView&, const Model&, const std::string&, DocNode*, FhirOrigins*,
                                     std::vector<std::string>*, std::vector<std::string>*, EhrRecord*,
                                     std::vector<Diagnostic>*, std::vector<Diagnostic>*);
template bool FhirBundleToDocument(const SimdView&, const Model&, const std::string&, DocNode*, FhirOrigins*,
                                     std::vector<std::string>*, std::vector<std::string>*, EhrRecord*,
                                     std::vector<Diagnostic>*, std::vector<Diagnostic>*);

}  // namespace candidacy::internal
