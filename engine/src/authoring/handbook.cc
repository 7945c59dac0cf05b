// The rulebook handbook: walks the checked rulebook once, in rulebook order,
// and writes it through a Markdown or HTML writer (handbook_writer.h).
// Conditions are read out by handbook_words.h. Test: tests/engine/authoring/handbook_test.cc,
// tests/cli/docs_test.sh (the committed docs/handbook.* are never stale).
#include "candidacy/handbook.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "authoring/handbook_words.h"
#include "authoring/handbook_writer.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace candidacy {
namespace {

using namespace internal;

constexpr Severity kSeverities[] = {Severity::kExclude, Severity::kReview, Severity::kCaution, Severity::kInfo};

std::string Anchor(const std::string& prefix, const std::string& id) {
  std::string out = prefix;
  for (char c : id)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '-';
  return out;
}

std::string Number(double value) { return fmt::format("{}", value); }

// "1 rule", "2 rules", "3 medication classes".
std::string Count(size_t n, const char* noun, const char* plural = "s") {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : plural);
}

class Handbook {
 public:
  Handbook(const Model& model, HandbookWriter* w) : m_(model), w_(*w) {}

  void Write() {
    Metadata();
    Policy();
    Questions();
    Rules();
    LexiconSection();
    Sources();
  }

 private:
  // The rule file a rule came from, relative to the rulebook directory.
  std::string RelativeFile(const std::string& file) const {
    const std::string& dir = m_.directory;
    if (!dir.empty() && file.compare(0, dir.size(), dir) == 0 && file.size() > dir.size() && file[dir.size()] == '/')
      return file.substr(dir.size() + 1);
    return file;
  }

  void Metadata() {
    w_.Paragraph({Plain("Generated from the rulebook's files by "), Code("candidacy docs"),
                  Plain(". Do not edit it by hand: edit the rule files and regenerate it. "
                        "Every condition below is the rule's expression read out in plain words; "
                        "the expression as written follows it.")});
    w_.Heading(2, "rulebook", {Plain("Rulebook")});
    size_t drugs = m_.lexicon.drugs().size();
    std::vector<std::vector<Text>> rows = {
        {{Plain("Id")}, {Code(m_.id)}},
        {{Plain("Title")}, {Plain(m_.title)}},
        {{Plain("Version")}, {Plain(m_.version)}},
        {{Plain("Effective")}, {Plain(m_.effective)}},
        {{Plain("Reviewed by")}, {Plain(m_.reviewed_by.empty() ? "not stated" : m_.reviewed_by)}},
        {{Plain("Reviewed on")}, {Plain(m_.reviewed_on.empty() ? "not stated" : m_.reviewed_on)}},
        {{Plain("Review period")},
         {Plain(m_.review_period_months > 0 ? fmt::format("every {} months", m_.review_period_months) : "not stated")}},
        {{Plain("SHA-256")}, {Code(m_.sha256)}},
        {{Plain("Contents")},
         {Plain(Count(m_.questions.size(), "question") + ", " + Count(m_.derived.size(), "derived value") + ", " +
                Count(m_.rules.size(), "rule") + ", " + Count(m_.lexicon.classes().size(), "medication class", "es") +
                ", " + Count(drugs, "drug") + ", " + Count(m_.lexicon.names().size(), "medication name"))}},
    };
    w_.Table("fields", {"Field", "Value"}, rows);
  }

  void Policy() {
    w_.Heading(2, "policy", {Plain("Outcome policy and score bands")});
    w_.Paragraph({Plain("The most severe outcome that applies wins:")});
    w_.List({
        {Strong("ineligible"), Plain(": an exclude flag fired.")},
        {Strong("incomplete"), Plain(": a rule above info could not be decided for want of a due answer, or a due question is unanswered, and no exclude flag fired.")},
        {Strong("needs review"), Plain(m_.unrecognized_needs_review
                                             ? ": a review flag fired, the score reached a band marked needs review, or a medication was not recognised."
                                             : ": a review flag fired, or the score reached a band marked needs review (an unrecognised medication is listed but does not change the outcome).")},
        {Strong("eligible with precautions"), Plain(": caution flags fired, nothing above.")},
        {Strong("eligible"), Plain(": no flag above info fired and everything due was decided. Info flags never change the outcome.")},
    });
    w_.Paragraph({Plain("The score is the sum of the points of the flags that fired. Its band:")});
    std::vector<std::vector<Text>> rows;
    for (size_t i = 0; i < m_.bands.size(); ++i) {
      const Band& b = m_.bands[i];
      const std::string range = i + 1 < m_.bands.size() ? fmt::format("{} to {}", b.from, m_.bands[i + 1].from - 1)
                                                        : fmt::format("{} or more", b.from);
      rows.push_back({{Code(b.name)}, {Plain(range)}, {Plain(b.needs_review ? "needs review" : "no effect on the outcome")}});
    }
    w_.Table("bands", {"Band", "Score", "Outcome"}, rows);
  }

  std::string AskedWhen(const Question& q) const {
    return q.asked_when.root ? PlainWords(m_, *q.asked_when.root) : "always";
  }

  Text Allowed(const Question& q) const {
    if (q.has_range) return {Plain(fmt::format("{} to {}", Number(q.min), Number(q.max)))};
    if (!q.values.empty()) {
      Text t;
      for (size_t i = 0; i < q.values.size(); ++i) {
        if (i > 0) t.push_back(Plain(", "));
        t.push_back(Code(q.values[i]));
      }
      return t;
    }
    switch (q.type) {
      case QuestionType::kBoolean: return {Plain("yes or no")};
      case QuestionType::kTextList: return {Plain("free text, one entry per item")};
      default: return {Plain("any")};
    }
  }

  void Questions() {
    w_.Heading(2, "questions", {Plain("Questions")});
    w_.Paragraph({Plain(Count(m_.questions.size(), "question") +
                        ", in the order they are asked. A question is due when it is required and its asked-when "
                        "condition holds (or cannot yet be ruled out). The label is how conditions below name the answer.")});
    std::vector<std::vector<Text>> rows;
    for (const Question& q : m_.questions) {
      std::string required = q.required ? "yes" : "no";
      if (q.for_the_record) required += " (for the record)";
      if (q.implied_by >= 0) required += "; read as yes when " + m_.questions[q.implied_by].id + " is answered and it is not";
      rows.push_back({{Code(q.id)}, {Plain(LabelFromId(q.id, q.unit))}, {Plain(q.prompt)}, {Plain(QuestionTypeName(q.type))},
                      {Plain(q.unit.empty() ? "-" : q.unit)}, Allowed(q), {Plain(required)}, {Plain(AskedWhen(q))}});
    }
    w_.Table("questions", {"Id", "Label", "Prompt", "Type", "Unit", "Allowed", "Required", "Asked when"}, rows);
    if (m_.derived.empty()) return;
    w_.Heading(3, "derived", {Plain("Derived values")});
    std::vector<std::vector<Text>> derived;
    for (const Derived& d : m_.derived)
      derived.push_back({{Code(d.id)}, {Plain(LabelFromId(d.id, d.unit))}, {Plain(d.unit.empty() ? "-" : d.unit)},
                         {Plain(d.description)}, {Plain(d.expr.root ? PlainWords(m_, *d.expr.root) : "")}, {Code(d.expr.text)}});
    w_.Table("derived", {"Id", "Label", "Unit", "Description", "Computed as", "As written"}, derived);
  }

  std::string MessageTemplate(const internal::Rule& r) const {
    std::string out;
    for (const MessagePart& p : r.message) {
      switch (p.kind) {
        case MessagePart::Kind::kText: out += p.text; break;
        case MessagePart::Kind::kQuestion: out += "{" + m_.questions[p.index].id + "}"; break;
        case MessagePart::Kind::kDerived: out += "{" + m_.derived[p.index].id + "}"; break;
        case MessagePart::Kind::kClass: out += "{class:" + m_.lexicon.classes()[p.index].id + "}"; break;
      }
    }
    return out;
  }

  Text CitationText(const Source& s) const {
    Text t = {Plain("[" + s.label + "] " + s.citation)};
    if (!s.url.empty()) {
      t.push_back(Plain(" "));
      t.push_back(Link(s.url, s.url));
    }
    return t;
  }

  void RuleEntry(const internal::Rule& r) {
    w_.Heading(4, Anchor("rule-", r.id), {Plain(r.id + " " + r.title)});
    Text sources;
    for (size_t i = 0; i < r.sources.size(); ++i) {
      if (i > 0) sources.push_back(Plain("; "));
      const Text s = CitationText(m_.sources[r.sources[i]]);
      sources.insert(sources.end(), s.begin(), s.end());
    }
    if (sources.empty()) sources.push_back(Plain("none"));
    std::vector<std::vector<Text>> rows = {
        {{Plain("Severity")}, {Plain(SeverityName(r.severity))}},
        {{Plain("Points")}, {Plain(std::to_string(r.points))}},
        {{Plain("Fires when")}, {Plain(r.when.root ? PlainWords(m_, *r.when.root) : "")}},
        {{Plain("As written")}, {Code(r.when.text)}},
        {{Plain("Message")}, {Plain(MessageTemplate(r))}},
        {{Plain("Action")}, {Plain(r.action)}},
        {{Plain("Sources")}, sources},
        {{Plain("Local policy")}, {Plain(r.local_policy ? "yes: a clinic threshold with no guideline number behind it" : "no")}},
        {{Plain("Urgent")}, {Plain(r.urgent ? "yes: when it fires, every output opens with it; a clinician must act now" : "no")}},
        {{Plain("Reviewed by")}, {Plain(r.reviewed_by.empty() ? "not stated" : r.reviewed_by)}},
        {{Plain("Reviewed on")}, {Plain(r.reviewed_on.empty() ? "not stated" : r.reviewed_on)}},
    };
    w_.Table("fields", {"Field", "Value"}, rows);
  }

  void Rules() {
    w_.Heading(2, "rules", {Plain("Rules")});
    w_.Paragraph({Plain(Count(m_.rules.size(), "rule") +
                        ", by rule file in load order, then by severity (exclude, review, caution, info). A condition "
                        "that cannot be decided because an answer is missing neither fires nor passes: the screening "
                        "names the question to ask.")});
    std::vector<std::string> files;  // in load order
    for (const auto& r : m_.rules)
      if (std::find(files.begin(), files.end(), r.where.file) == files.end()) files.push_back(r.where.file);
    for (const auto& file : files) {
      for (Severity sev : kSeverities) {
        std::vector<const internal::Rule*> group;
        for (const auto& r : m_.rules)
          if (r.where.file == file && r.severity == sev) group.push_back(&r);
        if (group.empty()) continue;
        const std::string name = RelativeFile(file);
        w_.Heading(3, Anchor("file-", name + "-" + SeverityName(sev)),
                   {Code(name), Plain(fmt::format(": {} ({})", SeverityName(sev), group.size()))});
        for (const auto* r : group) RuleEntry(*r);
      }
    }
  }

  void LexiconSection() {
    const auto& lexicon = m_.lexicon;
    w_.Heading(2, "lexicon", {Plain("Medication lexicon")});
    w_.Paragraph({Plain(fmt::format("{}, {}, {}. Entries are matched case-insensitively on whole words; "
                                    "doses and frequencies are ignored. A combination product counts as each of its "
                                    "ingredients. Classes that interact with nothing here are listed so that common drugs "
                                    "are recognised and stay quiet.",
                                    Count(lexicon.classes().size(), "class", "es"), Count(lexicon.drugs().size(), "drug"),
                                    Count(lexicon.names().size(), "name")))});
    w_.Paragraph({Plain(m_.probable_medications
                            ? fmt::format("Probable matches are on: a word one edit from exactly one drug's one-word name of "
                                          "5 letters or more (two edits for 8 or more) is taken for that drug, shown as "
                                          "probable with a request to check the spelling; its classes fire their rules and, "
                                          "like an unrecognised entry, it sends the screening to review. {} of the "
                                          "language patients write in are never taken for a drug.",
                                          Count(lexicon.common_words().size(), "common word"))
                            : "Probable matches are off: a misspelt name is not recognised.")});
    std::vector<std::vector<int>> drugs_of_class(lexicon.classes().size());
    for (size_t d = 0; d < lexicon.drugs().size(); ++d)
      for (int c : lexicon.drugs()[d].classes) drugs_of_class[c].push_back(static_cast<int>(d));
    std::vector<std::vector<const DrugName*>> names_of_drug(lexicon.drugs().size());
    std::vector<const DrugName*> combinations;
    for (const auto& n : lexicon.names()) {
      if (n.drugs.size() == 1) names_of_drug[n.drugs[0]].push_back(&n);
      else combinations.push_back(&n);
    }
    std::vector<std::vector<Text>> rows;
    for (size_t c = 0; c < lexicon.classes().size(); ++c) {
      const auto& k = lexicon.classes()[c];
      rows.push_back({{Code(k.id)}, {Plain(k.title)}, {Plain(k.interacts ? "yes" : "no (recognised, quiet)")},
                      {Plain(std::to_string(drugs_of_class[c].size()))}});
    }
    w_.Table("classes", {"Class", "Title", "Interacts", "Drugs"}, rows);
    for (size_t c = 0; c < lexicon.classes().size(); ++c) {
      const auto& k = lexicon.classes()[c];
      w_.Heading(3, Anchor("class-", k.id), {Plain(k.title + " "), Code(k.id)});
      std::vector<std::vector<Text>> drugs;
      for (int d : drugs_of_class[c]) {
        const Drug& drug = lexicon.drugs()[d];
        Text names;
        for (const DrugName* n : names_of_drug[d]) {
          if (!n->is_pattern && n->text == drug.generic) continue;
          if (!names.empty()) names.push_back(Plain(", "));
          names.push_back(n->is_pattern ? Code(n->text) : Plain(n->text));
        }
        if (names.empty()) names.push_back(Plain("-"));
        drugs.push_back({{Plain(drug.generic)}, names});
      }
      if (drugs.empty()) w_.Paragraph({Plain("No drugs in this class.")});
      else w_.Table("drugs", {"Generic", "Brands and other names (patterns in code)"}, drugs);
    }
    if (combinations.empty()) return;
    w_.Heading(3, "combinations", {Plain("Combination products")});
    std::vector<std::vector<Text>> combos;
    for (const DrugName* n : combinations) {
      std::string ingredients;
      for (int d : n->drugs) ingredients += (ingredients.empty() ? "" : " + ") + lexicon.drugs()[d].generic;
      combos.push_back({{n->is_pattern ? Code(n->text) : Plain(n->text)}, {Plain(ingredients)}});
    }
    w_.Table("combinations", {"Name (patterns in code)", "Ingredients"}, combos);
  }

  void Sources() {
    w_.Heading(2, "sources", {Plain("Sources")});
    std::vector<std::vector<Text>> rows;
    for (size_t i = 0; i < m_.sources.size(); ++i) {
      const Source& s = m_.sources[i];
      std::string cited_by;
      for (const auto& r : m_.rules)
        if (std::find(r.sources.begin(), r.sources.end(), static_cast<int>(i)) != r.sources.end())
          cited_by += (cited_by.empty() ? "" : ", ") + r.id;
      Text citation = {Plain(s.citation)};
      if (!s.url.empty()) {
        citation.push_back(Plain(" "));
        citation.push_back(Link(s.url, s.url));
      }
      rows.push_back({{Code(s.label)}, citation, {Plain(cited_by.empty() ? "no rule" : cited_by)}});
    }
    w_.Table("sources", {"Label", "Citation", "Cited by"}, rows);
  }

  const Model& m_;
  HandbookWriter& w_;
};

}  // namespace

std::string RenderHandbook(const Rulebook& rulebook, HandbookFormat format) {
  const Model& model = internal::ModelOf(rulebook);
  const std::string title = model.title + " (" + model.id + " " + model.version + "): rulebook handbook";
  auto writer = format == HandbookFormat::kHtml ? NewHtmlWriter(title) : NewMarkdownWriter(title);
  Handbook(model, writer.get()).Write();
  return writer->Finish();
}

}  // namespace candidacy
