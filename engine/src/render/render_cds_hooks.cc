// The CDS Hooks response of docs/cds-hooks.md: one card for the outcome, then
// one per flag, each with a deterministic version-5 UUID, a summary under 140
// characters, an indicator, a Markdown detail and a source.
// Test: tests/engine/render/render_cds_hooks_test.cc, tests/contract/schema_test.cc, tests/cli/cds_hooks_test.sh.
#include "candidacy/render_cds_hooks.h"

#include <fmt/format.h>
#include "base/answer_text.h"
#include "base/markdown_text.h"
#include "base/uuid_v5.h"
#include "render/json_writer.h"

namespace candidacy {
namespace {

using render::JsonWriter;

// CDS Hooks: the summary is a "<140-character" sentence.
constexpr size_t kSummaryMax = 139;
// CDS Hooks asks for a short source label; the full citation is in `detail`.
constexpr size_t kSourceLabelMax = 100;
// The namespace of every card id: uuid5(NAMESPACE_URL, "urn:candidacy:cds-hooks:card").
constexpr const char* kCardNamespace = "9fa262b8-bade-5652-a32e-2c3c69df3de5";

std::string Md(const std::string& text) { return internal::EscapeMarkdown(text); }

std::string Plural(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

const char* Indicator(Severity s) {
  switch (s) {
    case Severity::kExclude: return "critical";
    case Severity::kReview: return "warning";
    default: return "info";  // caution and info
  }
}

const char* Indicator(Outcome o) {
  switch (o) {
    case Outcome::kIneligible: return "critical";
    case Outcome::kIncomplete:
    case Outcome::kNeedsReview: return "warning";
    default: return "info";
  }
}

const char* SeverityWord(Severity s) {
  switch (s) {
    case Severity::kExclude: return "Exclusion";
    case Severity::kReview: return "Review";
    case Severity::kCaution: return "Caution";
    case Severity::kInfo: return "Info";
  }
  return "";
}

size_t CountFlags(const ScreeningResult& r, Severity s) {
  size_t n = 0;
  for (const auto& f : r.flags) n += f.severity == s;
  return n;
}

std::vector<std::string> FlagIds(const ScreeningResult& r, Severity s) {
  std::vector<std::string> ids;
  for (const auto& f : r.flags)
    if (f.severity == s) ids.push_back(f.id);
  return ids;
}

// A card's `source`: a short label and, when known, a URL.
struct Source {
  std::string label;
  std::string url;
};

Source RulebookSource(const ScreeningResult& r) {
  return {internal::ShortLine(r.rulebook.title + " " + r.rulebook.version, kSourceLabelMax), ""};
}

std::string OutcomeSummary(const ScreeningResult& r) {
  if (r.urgent()) {  // before the outcome: a clinician must act now
    std::vector<std::string> reasons;
    for (const auto& u : r.urgent_reasons) reasons.push_back(u.reason + " (" + u.rule + ")");
    return fmt::format("URGENT: {}; a clinician must evaluate the patient now", Join(reasons, "; "));
  }
  switch (r.outcome) {
    case Outcome::kIneligible: {
      const auto ids = FlagIds(r, Severity::kExclude);
      return fmt::format("Ineligible: {} ({}); do not book as things stand",
                         ids.size() == 1 ? std::string("an exclusion applies") : fmt::format("{} exclusions apply", ids.size()),
                         Join(ids, ", "));
    }
    case Outcome::kIncomplete:
      if (r.missing_questions.empty()) return "Incomplete: answers are missing; screen again once they are given";
      return fmt::format("Incomplete: ask {}, then screen again",
                         Plural(r.missing_questions.size(), "question", "questions"));
    case Outcome::kNeedsReview:
      return fmt::format("Needs review: a clinician must review before booking (score {}, {} band)", r.score, r.band);
    case Outcome::kEligibleWithPrecautions:
      return fmt::format("Eligible with precautions: {} to put in place before booking",
                         Plural(CountFlags(r, Severity::kCaution), "caution", "cautions"));
    case Outcome::kEligible:
      return fmt::format("Eligible: no exclusion, review or caution applies (score {}, {} band)", r.score, r.band);
  }
  return "";
}

const char* OutcomeSentence(Outcome o) {
  switch (o) {
    case Outcome::kIneligible: return "ineligible: an exclusion applies; do not book as things stand.";
    case Outcome::kIncomplete: return "incomplete: answers are missing; ask the questions below, then screen again.";
    case Outcome::kNeedsReview: return "needs review: a clinician must review before booking.";
    case Outcome::kEligibleWithPrecautions: return "eligible with precautions: may be booked once the precautions are in place.";
    case Outcome::kEligible: return "eligible: may be booked.";
  }
  return "";
}

void AppendRules(std::string* out, const char* heading, const char* note, const std::vector<UndecidedRule>& rules) {
  if (rules.empty()) return;
  *out += fmt::format("\n\n**{} ({}){}:**\n", heading, rules.size(), note);
  for (const auto& u : rules)
    *out += fmt::format("\n- {} {} ({}): needs {}", Md(u.id), Md(u.title), SeverityName(u.severity),
                        Md(Join(u.missing, ", ")));
}

std::string OutcomeDetail(const ScreeningResult& r) {
  std::string out;
  for (const auto& u : r.urgent_reasons)
    out += fmt::format("**URGENT:** {} ({}): a clinician must evaluate the patient now, before anything else.\n\n", Md(u.reason),
                       Md(u.rule));
  out += fmt::format("**Outcome:** {}\n\n**Score:** {} ({} band)", OutcomeSentence(r.outcome), r.score, Md(r.band));
  if (!r.flags.empty()) {
    out += fmt::format("\n\n**Flags ({}), each on its own card:**\n", r.flags.size());
    for (const auto& f : r.flags)
      out += fmt::format("\n- {} {} ({}, {} points)", Md(f.id), Md(f.title), SeverityName(f.severity), f.points);
  }
  if (!r.missing_questions.empty()) {
    out += fmt::format("\n\n**Questions to ask ({}):**\n", r.missing_questions.size());
    for (size_t i = 0; i < r.missing_questions.size(); ++i)
      out += fmt::format("\n{}. {} ({})", i + 1, Md(r.missing_questions[i].prompt), Md(r.missing_questions[i].id));
  }
  AppendRules(&out, "Undecided rules", "", r.undecided);
  if (!r.unrecognized_medications.empty()) {
    out += fmt::format("\n\n**Medications not recognised ({}), to be checked by a clinician:**\n",
                       r.unrecognized_medications.size());
    for (const auto& m : r.unrecognized_medications) out += "\n- " + Md(m);
  }
  if (!r.probable_medications.empty()) {
    out += fmt::format("\n\n**Medications recognised only probably ({}), check the spelling:**\n", r.probable_medications.size());
    for (const auto& m : r.medications) {
      if (m.probable_names.empty()) continue;
      out += fmt::format("\n- {}: {}", Md(m.text), Md(MedicationWording(m)));
    }
  }
  AppendRules(&out, "Not evaluated", ", only optional answers missing; does not block", r.not_evaluated);
  if (!r.warnings.empty()) {
    out += fmt::format("\n\n**Warnings ({}):**\n", r.warnings.size());
    for (const auto& w : r.warnings) out += "\n- " + Md(w);
  }
  out += fmt::format("\n\nQuestionnaire {}. Rulebook {} {} (sha256 {}).", Md(r.questionnaire_id), Md(r.rulebook.id),
                     Md(r.rulebook.version), Md(r.rulebook.sha256));
  return out;
}

std::string EvidenceLine(const Evidence& e) {
  const bool has_unit = e.value.kind == AnswerValue::Kind::kNumber || e.value.kind == AnswerValue::Kind::kText;
  std::string value = internal::FormatAnswer(e.value, -1, "; ");
  if (has_unit && !e.unit.empty()) value += " " + e.unit;
  return fmt::format("\n- {}: {}", Md(e.id), Md(value));
}

// A URL a Markdown autolink can carry as is; anything else is shown as text.
bool Autolinkable(const std::string& url) {
  for (unsigned char c : url)
    if (c <= 0x20 || c == '<' || c == '>' || c == 0x7F) return false;
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string FlagDetail(const Flag& f) {
  std::string out = Md(f.message);
  out += "\n\n**Action:** " + Md(f.action);
  if (!f.evidence.empty()) {
    out += "\n\n**Answers:**\n";
    for (const auto& e : f.evidence) out += EvidenceLine(e);
  }
  out += fmt::format("\n\n**Severity:** {}, {}", SeverityName(f.severity), Plural(f.points, "point", "points"));
  if (f.local_policy) out += " (local policy: a threshold set by the clinic)";
  if (!f.sources.empty()) {
    out += "\n\n**Sources:**\n";
    for (const auto& s : f.sources) {
      out += fmt::format("\n- {}: {}", Md(s.label), Md(s.citation));
      if (!s.url.empty()) out += Autolinkable(s.url) ? " <" + s.url + ">" : " " + Md(s.url);
    }
  }
  return out;
}

Source FlagSource(const ScreeningResult& r, const Flag& f) {
  if (f.sources.empty()) return RulebookSource(r);
  const Citation& first = f.sources.front();
  return {internal::ShortLine(first.citation.empty() ? first.label : first.citation, kSourceLabelMax), first.url};
}

void WriteCard(JsonWriter& w, const ScreeningResult& r, const std::string& rule_id, const std::string& summary,
               const char* indicator, const std::string& detail, const Source& source) {
  w.BeginObject();
  w.Member("uuid", CardUuid(r.questionnaire_id, r.rulebook.sha256, rule_id));
  w.Member("summary", internal::ShortLine(summary, kSummaryMax));
  w.Member("indicator", indicator);
  w.Member("detail", detail);
  w.Key("source");
  w.BeginObject();
  w.Member("label", source.label);
  if (!source.url.empty()) w.Member("url", source.url);
  w.EndObject();
  w.EndObject();
}

}  // namespace

std::string CardUuid(const std::string& questionnaire_id, const std::string& rulebook_sha256,
                     const std::string& rule_id) {
  internal::Uuid name_space{};
  internal::ParseUuid(kCardNamespace, &name_space);
  return internal::FormatUuid(
      internal::NameBasedUuidV5(name_space, questionnaire_id + "\n" + rulebook_sha256 + "\n" + rule_id));
}

std::string RenderCdsHooks(const ScreeningResult& r, bool pretty) {
  std::string out;
  out.reserve(4096);
  JsonWriter w(&out, pretty);
  w.BeginObject();
  w.Key("cards");
  w.BeginArray();
  WriteCard(w, r, "", OutcomeSummary(r), r.urgent() ? "critical" : Indicator(r.outcome), OutcomeDetail(r), RulebookSource(r));
  for (const auto& f : r.flags) {
    WriteCard(w, r, f.id, fmt::format("{}{} {}: {}", f.urgent ? "URGENT " : "", SeverityWord(f.severity), f.id, f.title),
              f.urgent ? "critical" : Indicator(f.severity), FlagDetail(f), FlagSource(r, f));
  }
  // A FHIR Bundle whose questionnaire and record disagree: one warning card
  // (its uuid named by "ehr-disagreements"; docs/fhir.md, docs/cds-hooks.md).
  if (r.ehr.present && !r.ehr.disagreements.empty()) {
    std::string detail = "The questionnaire and the EHR record disagree; the safer answer was used:\n\n";
    for (const auto& d : r.ehr.disagreements)
      detail += fmt::format("- **{}**: questionnaire {} ({}), EHR {} ({}); used: {} ({})\n", d.question, d.questionnaire_value,
                            d.questionnaire_source, d.ehr_value, d.ehr_source, d.used, d.why);
    WriteCard(w, r, "ehr-disagreements",
              fmt::format("Questionnaire and EHR disagree on {} answer{}", r.ehr.disagreements.size(),
                          r.ehr.disagreements.size() == 1 ? "" : "s"),
              "warning", detail, RulebookSource(r));
  }
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
  return out;
}

}  // namespace candidacy
