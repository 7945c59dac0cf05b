// The text result for an intake coordinator: outcome first, then why.
// Test: tests/engine/render/render_text_test.cc.
#include "candidacy/render_text.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/answer_text.h"

namespace candidacy {
namespace {

// Free text (the id, medication entries, messages quoting them) is printed
// with control characters escaped, so a questionnaire cannot forge lines of
// the report or send terminal escape codes.
std::string Clean(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += ch;
  }
  return out;
}

std::string Upper(std::string s) {
  for (auto& c : s) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Value(const AnswerValue& v, const std::string& unit) {
  const bool has_unit = v.kind == AnswerValue::Kind::kNumber || v.kind == AnswerValue::Kind::kText;
  const std::string out = Clean(internal::FormatAnswer(v, -1, "; "));
  return has_unit && !unit.empty() ? out + " " + unit : out;
}

const char* OutcomeHint(Outcome o) {
  switch (o) {
    case Outcome::kIneligible: return "an exclusion applies; do not book as things stand";
    case Outcome::kIncomplete: return "answers are missing; ask the questions below, then screen again";
    case Outcome::kNeedsReview: return "a clinician must review before booking";
    case Outcome::kEligibleWithPrecautions: return "may be booked once the precautions below are in place";
    case Outcome::kEligible: return "may be booked";
  }
  return "";
}

}  // namespace

std::string RenderText(const ScreeningResult& r) {
  std::string out;
  for (const auto& u : r.urgent_reasons)  // before anything else
    out += fmt::format("URGENT: {} ({}): a clinician must evaluate the patient now, before anything else\n", u.reason, u.rule);
  out += fmt::format("OUTCOME: {}  ({})\n", Upper(OutcomeName(r.outcome)), OutcomeHint(r.outcome));
  out += fmt::format("Questionnaire {}    Score {} ({} band)\n", Clean(r.questionnaire_id), r.score, r.band);

  for (Severity sev : {Severity::kExclude, Severity::kReview, Severity::kCaution, Severity::kInfo}) {
    size_t count = 0;
    for (const auto& f : r.flags) count += f.severity == sev;
    if (count == 0) continue;
    out += fmt::format("\n{} ({})\n", Upper(SeverityName(sev)), count);
    for (const auto& f : r.flags) {
      if (f.severity != sev) continue;
      out += fmt::format("  {}  {}{}{}\n", f.id, f.title, f.points > 0 ? fmt::format("  [+{}]", f.points) : "", f.urgent ? "  URGENT" : "");
      out += fmt::format("      {}\n", Clean(f.message));
      out += fmt::format("      Action: {}\n", f.action);
      if (!f.evidence.empty()) {
        std::string ev;
        for (const auto& e : f.evidence)
          ev += (ev.empty() ? "" : ", ") + e.id + " = " + Value(e.value, e.unit) + (e.source.empty() ? "" : " (from " + Clean(e.source) + ")");
        out += fmt::format("      Answers: {}\n", ev);
      }
      std::string src;
      for (const auto& s : f.sources) src += (src.empty() ? "" : "; ") + s.label;
      out += fmt::format("      Sources: {}{}\n", src.empty() ? "none" : src, f.local_policy ? " (local policy)" : "");
    }
  }

  if (!r.missing_questions.empty()) {
    out += fmt::format("\nQUESTIONS TO ASK ({})\n", r.missing_questions.size());
    for (const auto& q : r.missing_questions) out += fmt::format("  {}: {}\n", q.id, q.prompt);
  }
  if (!r.undecided.empty()) {
    out += fmt::format("\nUNDECIDED RULES ({})\n", r.undecided.size());
    for (const auto& u : r.undecided) {
      std::string missing;
      for (const auto& m : u.missing) missing += (missing.empty() ? "" : ", ") + m;
      out += fmt::format("  {}  {} ({}{}) needs: {}\n", u.id, u.title, SeverityName(u.severity),
                         u.blocking ? "" : ", does not block", missing.empty() ? "a computable value" : missing);
    }
  }

  if (!r.medications.empty()) {
    out += fmt::format("\nMEDICATIONS ({}, {} not recognised{})\n", r.medications.size(), r.unrecognized_medications.size(),
                       r.probable_medications.empty() ? "" : fmt::format(", {} probable", r.probable_medications.size()));
    for (const auto& m : r.medications) {
      if (m.generics.empty()) {
        out += fmt::format("  {}  ->  NOT RECOGNISED: check the spelling or ask the patient\n", Clean(m.text));
        continue;
      }
      std::string classes;
      for (const auto& c : m.classes) classes += (classes.empty() ? "" : ", ") + c;
      out += fmt::format("  {}  ->  {} [{}]\n", Clean(m.text), Clean(MedicationWording(m)), classes);
    }
  }

  if (!r.not_evaluated.empty()) {
    out += "\nNOT EVALUATED (only optional answers missing; does not block)\n";
    for (const auto& u : r.not_evaluated) {
      std::string missing;
      for (const auto& m : u.missing) missing += (missing.empty() ? "" : ", ") + m;
      out += fmt::format("  {}  {}: {}\n", u.id, u.title, missing);
    }
  }
  // Each source cited by a flag, once, in the order first cited.
  std::vector<const Citation*> cited;
  for (const auto& f : r.flags)
    for (const auto& s : f.sources)
      if (std::none_of(cited.begin(), cited.end(), [&](const Citation* c) { return c->label == s.label; })) cited.push_back(&s);
  if (!cited.empty()) {
    out += "\nSOURCES\n";
    for (const Citation* c : cited) out += fmt::format("  {}  {}{}\n", c->label, c->citation, c->url.empty() ? "" : " " + c->url);
  }
  if (r.ehr.present) {  // a FHIR Bundle: where each answer came from
    if (!r.ehr.disagreements.empty()) {
      out += "\nQUESTIONNAIRE AND EHR DISAGREE\n";
      for (const auto& d : r.ehr.disagreements)
        out += fmt::format("  {}: questionnaire {} ({}), EHR {} ({}); used: {} ({})\n", d.question, Clean(d.questionnaire_value),
                           Clean(d.questionnaire_source), Clean(d.ehr_value), Clean(d.ehr_source), d.used, d.why);
    }
    out += fmt::format("\nEHR DATA (screening date {}{})\n", r.ehr.screening_date.empty() ? "not given" : r.ehr.screening_date,
                       r.ehr.date_source.empty() ? "" : ", from " + r.ehr.date_source);
    // The EHR's answers; the questionnaire's own only counted (the JSON lists every one).
    size_t from_questionnaire = 0;
    for (const auto& a : r.ehr.answers) {
      if (a.source.rfind("QuestionnaireResponse", 0) == 0 && a.source.find(';') == std::string::npos) {
        ++from_questionnaire;
        continue;
      }
      out += fmt::format("  {} = {}  <- {}\n", a.question, Clean(a.value), Clean(a.source));
    }
    out += fmt::format("  {} other answer{} from the questionnaire\n", from_questionnaire, from_questionnaire == 1 ? "" : "s");
    if (!r.ehr.not_used.empty()) {
      out += "\nEHR DATA NOT USED\n";
      for (const auto& n : r.ehr.not_used) out += "  " + Clean(n) + "\n";
    }
  }
  if (!r.warnings.empty()) {
    out += "\nWARNINGS\n";
    for (const auto& w : r.warnings) out += "  " + Clean(w) + "\n";
  }
  out += fmt::format("\nRulebook {} {} (sha256 {})\n", r.rulebook.id, r.rulebook.version, r.rulebook.sha256.substr(0, 16));
  return out;
}

}  // namespace candidacy
