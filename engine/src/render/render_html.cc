// The printable HTML report: one self-contained HTML5 file (inline CSS with
// print rules, no scripts, no external resources) that a clinician can read,
// print and sign. Every interpolated string is escaped. Renderers never
// re-evaluate. Test: tests/engine/render/render_html_test.cc, tests/cli/report_html_test.sh.
#include "candidacy/render_html.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "base/answer_text.h"
#include "base/html_escape.h"

namespace candidacy {
namespace {

using internal::EscapeHtml;

constexpr const char* kStyle = R"css(
  body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 11pt; color: #111; max-width: 52em; margin: 1.5em auto; padding: 0 1em; line-height: 1.35; }
  h1 { font-size: 1.3em; margin: 0 0 .4em; }
  h2 { font-size: 1.1em; border-bottom: 1px solid #999; margin: 1.4em 0 .5em; padding-bottom: .15em; }
  h3 { font-size: 1em; margin: 1em 0 .4em; }
  table { border-collapse: collapse; width: 100%; margin: .3em 0; }
  th, td { text-align: left; vertical-align: top; padding: .2em .5em; border-bottom: 1px solid #ddd; }
  th { font-weight: 600; }
  code { font-family: Menlo, Consolas, monospace; font-size: .92em; }
  .banner { border: 3px solid #333; padding: .6em 1em; margin-bottom: 1em; }
  .banner .outcome { font-size: 1.6em; font-weight: 700; margin: 0; letter-spacing: .03em; }
  .banner .hint { margin: .2em 0 0; }
  .outcome-ineligible { border-color: #a40000; background: #fde8e8; }
  .outcome-incomplete { border-color: #6b4e00; background: #fff4d6; }
  .outcome-needs_review { border-color: #b35900; background: #fff0e0; }
  .outcome-eligible_with_precautions { border-color: #00589c; background: #e6f1fb; }
  .outcome-eligible { border-color: #1d6b2c; background: #e7f6ea; }
  .flag { border-left: 6px solid #999; padding: .3em .8em; margin: .6em 0; page-break-inside: avoid; break-inside: avoid; }
  .flag h4 { margin: 0 0 .2em; font-size: 1em; }
  .flag p { margin: .2em 0; }
  .severity-exclude { border-left-color: #a40000; }
  .severity-review { border-left-color: #b35900; }
  .severity-caution { border-left-color: #00589c; }
  .severity-info { border-left-color: #777; }
  .points { font-weight: normal; color: #444; }
  .unrecognized td, .probable td { font-weight: 600; color: #a40000; }
  .urgent { border: 4px solid #a40000; background: #a40000; color: #fff; padding: .6em 1em; margin-bottom: 1em; }
  .urgent p { margin: 0; font-size: 1.25em; font-weight: 700; }
  .sources li, .open-questions li { margin: .2em 0; }
  .signature { margin-top: 2.5em; page-break-inside: avoid; break-inside: avoid; }
  .signature td { border: none; padding: 1.6em .5em .2em 0; }
  .signature .line { border-bottom: 1px solid #111; width: 60%; }
  .meta td:first-child { width: 12em; color: #444; }
  @media print {
    body { font-size: 10pt; margin: 0; max-width: none; }
    a { color: #111; text-decoration: none; }
    .banner, .urgent, .flag, .outcome-ineligible, .outcome-incomplete, .outcome-needs_review,
    .outcome-eligible_with_precautions, .outcome-eligible { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    h2 { page-break-after: avoid; break-after: avoid; }
    @page { margin: 1.5cm; }
  }
)css";

std::string Upper(std::string s) {
  for (auto& c : s) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

const char* OutcomeHint(Outcome o) {
  switch (o) {
    case Outcome::kIneligible: return "An exclusion applies; do not book as things stand.";
    case Outcome::kIncomplete: return "Answers are missing; ask the open questions below, then screen again.";
    case Outcome::kNeedsReview: return "A clinician must review before booking.";
    case Outcome::kEligibleWithPrecautions: return "May be booked once the precautions below are in place.";
    case Outcome::kEligible: return "May be booked.";
  }
  return "";
}

std::string Value(const AnswerValue& v, const std::string& unit) {
  const bool has_unit = v.kind == AnswerValue::Kind::kNumber || v.kind == AnswerValue::Kind::kText;
  const std::string out = internal::FormatAnswer(v, -1, "; ");
  return EscapeHtml(has_unit && !unit.empty() ? out + " " + unit : out);
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + EscapeHtml(s);
  return out;
}

// "[E] Citation. https://..." with the URL as a link when it is a safe http(s) address.
std::string CitationHtml(const Citation& c) {
  std::string out = fmt::format("<span class=\"label\">[{}]</span> {}", EscapeHtml(c.label), EscapeHtml(c.citation));
  const std::string href = internal::SafeHref(c.url);
  if (!href.empty()) out += fmt::format(" <a class=\"citation-link\" href=\"{0}\">{0}</a>", href);
  else if (!c.url.empty()) out += " " + EscapeHtml(c.url);
  return out;
}

void Flags(const ScreeningResult& r, std::string* out) {
  *out += fmt::format("<section class=\"flags\">\n<h2>Flags ({})</h2>\n", r.flags.size());
  if (r.flags.empty()) *out += "<p>No rule fired.</p>\n";
  for (Severity sev : {Severity::kExclude, Severity::kReview, Severity::kCaution, Severity::kInfo}) {
    const auto count = std::count_if(r.flags.begin(), r.flags.end(), [&](const Flag& f) { return f.severity == sev; });
    if (count == 0) continue;
    *out += fmt::format("<h3>{} ({})</h3>\n", Capitalised(SeverityName(sev)), count);
    for (const auto& f : r.flags) {
      if (f.severity != sev) continue;
      *out += fmt::format("<article class=\"flag severity-{}\">\n<h4><span class=\"rule-id\">{}</span> {}{}{}</h4>\n",
                          SeverityName(sev), EscapeHtml(f.id), EscapeHtml(f.title),
                          f.points > 0 ? fmt::format(" <span class=\"points\">+{} points</span>", f.points) : "",
                          f.urgent ? " <strong class=\"urgent-mark\">URGENT</strong>" : "");
      *out += fmt::format("<p class=\"message\">{}</p>\n", EscapeHtml(f.message));
      *out += fmt::format("<p class=\"action\"><strong>Action:</strong> {}</p>\n", EscapeHtml(f.action));
      if (!f.evidence.empty()) {
        *out += "<table class=\"evidence\">\n<thead><tr><th>Answer read</th><th>Value</th></tr></thead>\n<tbody>\n";
        for (const auto& e : f.evidence)
          *out += fmt::format("<tr><td><code>{}</code></td><td>{}{}</td></tr>\n", EscapeHtml(e.id), Value(e.value, e.unit),
                              e.source.empty() ? "" : " <span class=\"source\">(from " + EscapeHtml(e.source) + ")</span>");
        *out += "</tbody>\n</table>\n";
      }
      if (f.local_policy) *out += "<p class=\"local-policy\">Local policy: a threshold set by the clinic, with no guideline number behind it.</p>\n";
      if (!f.sources.empty()) {
        *out += "<ul class=\"sources\">\n";
        for (const auto& s : f.sources) *out += "<li>" + CitationHtml(s) + "</li>\n";
        *out += "</ul>\n";
      }
      *out += "</article>\n";
    }
  }
  *out += "</section>\n";
}

void Open(const ScreeningResult& r, std::string* out) {
  if (!r.missing_questions.empty()) {
    *out += fmt::format("<section class=\"open-questions\">\n<h2>Questions still open ({})</h2>\n<ol>\n", r.missing_questions.size());
    for (const auto& q : r.missing_questions)
      *out += fmt::format("<li><code>{}</code>: {}</li>\n", EscapeHtml(q.id), EscapeHtml(q.prompt));
    *out += "</ol>\n</section>\n";
  }
  if (!r.undecided.empty()) {
    *out += fmt::format("<section class=\"undecided\">\n<h2>Undecided rules ({})</h2>\n<table>\n<thead><tr><th>Rule</th><th>Severity</th><th>Needs</th></tr></thead>\n<tbody>\n", r.undecided.size());
    for (const auto& u : r.undecided)
      *out += fmt::format("<tr><td>{} {}</td><td>{}{}</td><td>{}</td></tr>\n", EscapeHtml(u.id), EscapeHtml(u.title),
                          SeverityName(u.severity), u.blocking ? "" : " (does not block)",
                          u.missing.empty() ? "a computable value" : Join(u.missing, ", "));
    *out += "</tbody>\n</table>\n</section>\n";
  }
}

void Medications(const ScreeningResult& r, std::string* out) {
  *out += fmt::format("<section class=\"medications\">\n<h2>Medications ({}, {} not recognised{})</h2>\n",
                      r.medications.size(), r.unrecognized_medications.size(),
                      r.probable_medications.empty() ? "" : fmt::format(", {} probable", r.probable_medications.size()));
  if (r.medications.empty()) {
    *out += "<p>None listed.</p>\n</section>\n";
    return;
  }
  *out += "<table>\n<thead><tr><th>As written</th><th>Recognised as</th><th>Classes</th></tr></thead>\n<tbody>\n";
  for (const auto& m : r.medications) {
    if (!m.probable_names.empty()) {
      *out += fmt::format("<tr class=\"probable\"><td>{}</td><td>{}</td><td>{}</td></tr>\n", EscapeHtml(m.text),
                          EscapeHtml(MedicationWording(m)), Join(m.classes, ", "));
      continue;
    }
    if (m.generics.empty()) {
      *out += fmt::format("<tr class=\"unrecognized\"><td>{}</td><td colspan=\"2\">NOT RECOGNISED: check the spelling or ask the patient</td></tr>\n",
                          EscapeHtml(m.text));
      continue;
    }
    *out += fmt::format("<tr class=\"recognized\"><td>{}</td><td>{}</td><td>{}</td></tr>\n", EscapeHtml(m.text),
                        Join(m.generics, " + "), Join(m.classes, ", "));
  }
  *out += "</tbody>\n</table>\n</section>\n";
}

void NotEvaluatedAndWarnings(const ScreeningResult& r, std::string* out) {
  if (!r.not_evaluated.empty()) {
    *out += "<section class=\"not-evaluated\">\n<h2>Not evaluated (only optional answers missing; does not block)</h2>\n<ul>\n";
    for (const auto& u : r.not_evaluated)
      *out += fmt::format("<li>{} {}: {}</li>\n", EscapeHtml(u.id), EscapeHtml(u.title), Join(u.missing, ", "));
    *out += "</ul>\n</section>\n";
  }
  if (!r.warnings.empty()) {
    *out += "<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n";
    for (const auto& w : r.warnings) *out += "<li>" + EscapeHtml(w) + "</li>\n";
    *out += "</ul>\n</section>\n";
  }
}

// A FHIR Bundle's record (docs/fhir.md): disagreements, the EHR's answers, what was not used.
void Ehr(const ScreeningResult& r, std::string* out) {
  if (!r.ehr.present) return;
  if (!r.ehr.disagreements.empty()) {
    *out += "<section class=\"ehr-disagreements\">\n<h2>Questionnaire and EHR disagree</h2>\n<table>\n"
            "<thead><tr><th>Question</th><th>Questionnaire</th><th>EHR</th><th>Used</th></tr></thead>\n<tbody>\n";
    for (const auto& d : r.ehr.disagreements)
      *out += fmt::format("<tr><td><code>{}</code></td><td>{} ({})</td><td>{} ({})</td><td>{}: {}</td></tr>\n", EscapeHtml(d.question),
                          EscapeHtml(d.questionnaire_value), EscapeHtml(d.questionnaire_source), EscapeHtml(d.ehr_value),
                          EscapeHtml(d.ehr_source), EscapeHtml(d.used), EscapeHtml(d.why));
    *out += "</tbody>\n</table>\n</section>\n";
  }
  *out += fmt::format("<section class=\"ehr\">\n<h2>EHR data (screening date {})</h2>\n<table>\n<thead><tr><th>Answer</th><th>Value</th><th>Source</th></tr></thead>\n<tbody>\n",
                      EscapeHtml(r.ehr.screening_date.empty() ? "not given" : r.ehr.screening_date));
  for (const auto& a : r.ehr.answers)
    *out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n", EscapeHtml(a.question), EscapeHtml(a.value), EscapeHtml(a.source));
  *out += "</tbody>\n</table>\n";
  if (!r.ehr.not_used.empty()) {
    *out += "<h3>Not used</h3>\n<ul>\n";
    for (const auto& n : r.ehr.not_used) *out += "<li>" + EscapeHtml(n) + "</li>\n";
    *out += "</ul>\n";
  }
  *out += "</section>\n";
}

void Sources(const ScreeningResult& r, std::string* out) {
  std::vector<const Citation*> cited;  // each source cited by a flag, once, in the order first cited
  for (const auto& f : r.flags)
    for (const auto& s : f.sources)
      if (std::none_of(cited.begin(), cited.end(), [&](const Citation* c) { return c->label == s.label; })) cited.push_back(&s);
  if (cited.empty()) return;
  *out += "<section class=\"citations\">\n<h2>Sources</h2>\n<ul class=\"sources\">\n";
  for (const Citation* c : cited) *out += "<li>" + CitationHtml(*c) + "</li>\n";
  *out += "</ul>\n</section>\n";
}

}  // namespace

std::string RenderHtml(const ScreeningResult& r, const std::string& screened_at) {
  const std::string id = EscapeHtml(r.questionnaire_id);
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>Screening report {}</title>\n<style>{}</style>\n</head>\n<body>\n", id, kStyle);
  out += fmt::format("<h1>Screening report: {}</h1>\n", EscapeHtml(r.rulebook.title));
  for (const auto& u : r.urgent_reasons)  // above the outcome: a clinician must act now
    out += fmt::format("<div class=\"urgent\" role=\"alert\"><p>URGENT: {} ({}): a clinician must evaluate the patient now, before anything else.</p></div>\n",
                       EscapeHtml(u.reason), EscapeHtml(u.rule));
  out += fmt::format("<header class=\"banner outcome-{}\">\n<p class=\"outcome\">{}</p>\n<p class=\"hint\">{}</p>\n</header>\n",
                     OutcomeName(r.outcome), Upper(OutcomeName(r.outcome)), OutcomeHint(r.outcome));
  out += "<table class=\"meta\">\n<tbody>\n";
  out += fmt::format("<tr><td>Questionnaire</td><td class=\"questionnaire-id\">{}</td></tr>\n", id);
  out += fmt::format("<tr><td>Score</td><td>{} ({} band)</td></tr>\n", r.score, EscapeHtml(r.band));
  out += fmt::format("<tr><td>Screened at</td><td class=\"screened-at\">{}</td></tr>\n",
                     screened_at.empty() ? "not recorded" : EscapeHtml(screened_at));
  out += fmt::format("<tr><td>Rulebook</td><td>{} {}</td></tr>\n", EscapeHtml(r.rulebook.id), EscapeHtml(r.rulebook.version));
  out += fmt::format("<tr><td>Rulebook SHA-256</td><td><code class=\"rulebook-sha256\">{}</code></td></tr>\n", EscapeHtml(r.rulebook.sha256));
  out += "</tbody>\n</table>\n";
  Flags(r, &out);
  Open(r, &out);
  Medications(r, &out);
  NotEvaluatedAndWarnings(r, &out);
  Ehr(r, &out);
  Sources(r, &out);
  out += "<footer class=\"signature\">\n<h2>Clinician review</h2>\n<table>\n<tbody>\n";
  for (const char* line : {"Reviewed by (name)", "Signature", "Date and time", "Decision"})
    out += fmt::format("<tr><td>{}</td><td class=\"line\">&nbsp;</td></tr>\n", line);
  out += "</tbody>\n</table>\n";
  out += fmt::format("<p class=\"provenance\">Produced by Candidacy from questionnaire {} with rulebook {} {} (sha256 {}).</p>\n",
                     id, EscapeHtml(r.rulebook.id), EscapeHtml(r.rulebook.version), EscapeHtml(r.rulebook.sha256));
  out += "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace candidacy
