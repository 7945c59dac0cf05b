// Model -> image bytes, in the order rulebook/image.h lists and
// rulebook/image_reader.cc reads. Test: tests/engine/rulebook/image_writer_test.cc.
#include <algorithm>
#include <unordered_map>

#include "rulebook/image.h"
#include "rulebook/image_bytes.h"
#include "rulebook/image_layout.h"

namespace candidacy::internal {
namespace {

class Writer {
 public:
  explicit Writer(const Model& model) : model_(model) {
    for (size_t i = 0; i < model.files.size(); ++i) file_index_.emplace(model.directory + "/" + model.files[i], i);
    for (size_t i = 0; i < model.ehr.files.size(); ++i)  // after the rule files, as the header lists them
      file_index_.emplace(model.directory + "/" + model.ehr.files[i], model.files.size() + i);
  }

  void Body(const std::vector<Diagnostic>& warnings) {
    const Model& m = model_;
    out_.Count(warnings.size());
    for (const auto& d : warnings) Warning(d);

    for (const std::string* s : {&m.id, &m.title, &m.version, &m.effective, &m.reviewed_by, &m.reviewed_on}) out_.String(*s);
    out_.I32(m.review_period_months);
    Where(m.where);

    out_.Count(m.bands.size());
    for (const auto& b : m.bands) {
      out_.String(b.name);
      out_.I32(b.from);
      out_.Bool(b.needs_review);
      Where(b.where);
    }
    out_.Bool(m.unrecognized_needs_review);
    out_.Bool(m.probable_medications);

    out_.Count(m.sources.size());
    for (const auto& s : m.sources) {
      out_.String(s.label);
      out_.String(s.citation);
      out_.String(s.url);
    }

    out_.Count(m.questions.size());
    for (const auto& q : m.questions) Question(q);

    out_.Count(m.derived.size());
    for (const auto& d : m.derived) {
      out_.String(d.id);
      out_.String(d.unit);
      out_.String(d.description);
      Expression(d.expr);
      Where(d.where);
    }

    Lexicon(m.lexicon);

    out_.Count(m.rules.size());
    for (const auto& r : m.rules) Rule(r);

    if (m.ehr.loaded) Ehr(m.ehr);
  }

  ImageWriter& out() { return out_; }

 private:
  // 0: no file; k + 1: the header's files[k]; kLiteralFile: the path follows.
  void Where(const SourceLocation& where) {
    if (where.file.empty()) {
      out_.U32(0);
    } else if (auto it = file_index_.find(where.file); it != file_index_.end()) {
      out_.U32(static_cast<std::uint32_t>(it->second + 1));
    } else {
      out_.U32(kLiteralFile);
      out_.String(where.file);
    }
    out_.I32(where.line);
    out_.I32(where.column);
  }

  void Warning(const Diagnostic& d) {
    out_.U8(static_cast<std::uint8_t>(d.severity));
    out_.U8(static_cast<std::uint8_t>(d.code));
    Where(d.location);
    out_.String(d.message);
    out_.String(d.source_line);
  }

  void Question(const internal::Question& q) {
    out_.String(q.id);
    out_.U8(static_cast<std::uint8_t>(q.type));
    out_.String(q.unit);
    out_.String(q.prompt);
    out_.Bool(q.required);
    out_.Bool(q.for_the_record);
    out_.Bool(q.has_range);
    out_.F64(q.min);
    out_.F64(q.max);
    out_.Count(q.values.size());
    for (const auto& v : q.values) out_.String(v);
    Expression(q.asked_when);
    out_.I32(q.implied_by);
    Where(q.where);
  }

  // The text, then the tree in pre-order; a parent's fields before its children's.
  void Expression(const internal::Expression& e) {
    out_.String(e.text);
    out_.Bool(e.root != nullptr);
    if (e.root == nullptr) return;
    std::vector<const Node*> stack{e.root.get()};
    while (!stack.empty()) {
      const Node* n = stack.back();
      stack.pop_back();
      out_.U8(static_cast<std::uint8_t>(n->kind));
      out_.I32(n->offset);
      out_.I32(n->end);
      out_.F64(n->number);
      out_.Bool(n->boolean);
      out_.String(n->text);
      out_.U8(static_cast<std::uint8_t>(n->op));
      out_.U8(static_cast<std::uint8_t>(n->arith));
      out_.Count(n->children.size());
      for (auto c = n->children.rbegin(); c != n->children.rend(); ++c) stack.push_back(c->get());
    }
  }

  void Lexicon(const internal::Lexicon& lexicon) {
    out_.Count(lexicon.classes().size());
    for (const auto& c : lexicon.classes()) {
      out_.String(c.id);
      out_.String(c.title);
      out_.Bool(c.interacts);
      Where(c.where);
    }
    out_.Count(lexicon.drugs().size());
    for (const auto& d : lexicon.drugs()) {
      out_.String(d.generic);
      Indices(d.classes);
    }
    out_.Count(lexicon.names().size());
    for (const auto& n : lexicon.names()) {
      out_.String(n.text);
      Indices(n.drugs);
      out_.Bool(n.is_pattern);
    }
    out_.Count(lexicon.common_words().size());
    for (const auto& w : lexicon.common_words()) out_.String(w);
  }

  void Rule(const internal::Rule& r) {
    out_.String(r.id);
    out_.String(r.title);
    out_.U8(static_cast<std::uint8_t>(r.severity));
    out_.I32(r.points);
    Expression(r.when);
    out_.Count(r.message.size());
    for (const auto& part : r.message) {
      out_.U8(static_cast<std::uint8_t>(part.kind));
      out_.String(part.text);
      out_.I32(part.index);
    }
    out_.String(r.action);
    Indices(r.sources);
    out_.Bool(r.local_policy);
    out_.Bool(r.urgent);
    out_.String(r.reviewed_by);
    out_.String(r.reviewed_on);
    Where(r.where);
    Where(r.when_where);
    // Conditions as pre-order indices into `when`.
    std::unordered_map<const Node*, std::uint32_t> preorder;
    std::vector<const Node*> stack{r.when.root.get()};
    while (!stack.empty() && stack.back() != nullptr) {
      const Node* n = stack.back();
      stack.pop_back();
      preorder.emplace(n, static_cast<std::uint32_t>(preorder.size()));
      for (auto c = n->children.rbegin(); c != n->children.rend(); ++c) stack.push_back(c->get());
    }
    out_.Count(r.conditions.size());
    for (const auto& [node, where] : r.conditions) {
      auto it = preorder.find(node);
      out_.U32(it == preorder.end() ? kNoNode : it->second);  // never absent: the reader refuses kNoNode
      Where(where);
    }
  }

  // The FHIR code mappings but their files and hash (in the header) and the
  // indices by code, which the reader rebuilds from the lists.
  void Ehr(const EhrMapping& e) {
    out_.String(e.questionnaire_url);
    out_.I32(e.vitals_max_age_days);
    out_.I32(e.age_question);
    out_.I32(e.sex_question);
    std::vector<std::pair<std::string, std::string>> gender(e.gender_values.begin(), e.gender_values.end());
    std::sort(gender.begin(), gender.end());  // the same bytes whatever the map's order
    out_.Count(gender.size());
    for (const auto& [from, to] : gender) {
      out_.String(from);
      out_.String(to);
    }
    out_.Count(e.observations.size());
    for (const auto& o : e.observations) {
      out_.String(o.loinc);
      out_.String(o.display);
      out_.I32(o.question);
      out_.Bool(o.higher_is_safer);
      Where(o.where);
    }
    out_.Count(e.conditions.size());
    for (const auto& c : e.conditions) {
      out_.I32(c.question);
      out_.I32(c.value);
      out_.String(c.label);
      out_.String(c.source);
      Strings(c.snomed);
      Strings(c.icd10cm);
      Where(c.where);
    }
    out_.Count(e.medications.size());
    for (const auto& c : e.medications) {
      out_.String(c.rxcui);
      out_.String(c.name);
      Strings(c.generics);
      Where(c.where);
    }
    out_.Count(e.allergies.size());
    for (const auto& a : e.allergies) {
      out_.I32(a.question);
      out_.String(a.label);
      out_.String(a.source);
      Strings(a.names);
      Where(a.where);
    }
  }

  void Strings(const std::vector<std::string>& v) {
    out_.Count(v.size());
    for (const auto& s : v) out_.String(s);
  }

  void Indices(const std::vector<int>& v) {
    out_.Count(v.size());
    for (int i : v) out_.I32(i);
  }

  const Model& model_;
  std::unordered_map<std::string, size_t> file_index_;
  ImageWriter out_;
};

}  // namespace

std::string WriteImage(const Model& model, const std::vector<Diagnostic>& warnings, const std::string& fingerprint) {
  Writer w(model);
  ImageWriter& out = w.out();
  out.String(CANDIDACY_VERSION);
  out.String(fingerprint);
  out.String(model.sha256);
  out.Count(model.files.size());
  for (const auto& f : model.files) out.String(f);
  out.Bool(model.ehr.loaded);
  out.String(model.ehr.sha256);
  out.Count(model.ehr.files.size());
  for (const auto& f : model.ehr.files) out.String(f);
  w.Body(warnings);

  ImageWriter image;
  image.Raw(std::string_view(kImageMagic, sizeof kImageMagic));
  image.U32(kImageFormatVersion);
  image.U64(ImageChecksum(out.bytes()));
  image.Raw(out.bytes());
  return std::move(image.bytes());
}

}  // namespace candidacy::internal
