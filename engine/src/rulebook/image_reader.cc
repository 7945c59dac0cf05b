// Image bytes -> Model, refusing anything the loader could not have built:
// every read bounds-checked, every enum and index range-checked, every
// expression tree shaped as the parser shapes it and type-checked again.
// Test: tests/engine/rulebook/image_reader_test.cc.
#include <algorithm>
#include <cstring>

#include "rulebook/image.h"
#include "rulebook/image_bytes.h"
#include "rulebook/image_layout.h"
#include "rulebook/type_check.h"

namespace candidacy::internal {
namespace {

bool IsLiteral(NodeKind k) { return k == NodeKind::kNumber || k == NodeKind::kString || k == NodeKind::kBoolean; }

// How many children the parser gives a node of each kind.
bool ChildCountFits(NodeKind kind, size_t n) {
  switch (kind) {
    case NodeKind::kNumber:
    case NodeKind::kString:
    case NodeKind::kBoolean:
    case NodeKind::kRef:
    case NodeKind::kMedicationClass: return n == 0;
    case NodeKind::kNot:
    case NodeKind::kNegate:
    case NodeKind::kRound: return n == 1;
    case NodeKind::kAnd:
    case NodeKind::kOr: return n >= 2;
    case NodeKind::kCompare:
    case NodeKind::kArith:
    case NodeKind::kIn:
    case NodeKind::kContains:
    case NodeKind::kContainsAny: return n == 2;
    case NodeKind::kList: return n >= 1;
  }
  return false;
}

// Whether a node of kind `child` may sit at `position` under `parent` (null: the root).
bool PlaceFits(const Node* parent, size_t position, NodeKind child) {
  const bool list_item = parent != nullptr && parent->kind == NodeKind::kList;
  if (list_item) return IsLiteral(child);
  const bool right = parent != nullptr && position == 1;
  if (right && (parent->kind == NodeKind::kIn || parent->kind == NodeKind::kContainsAny)) return child == NodeKind::kList;
  if (right && parent->kind == NodeKind::kContains) return IsLiteral(child);
  return child != NodeKind::kList;
}

bool RelativePathOk(const std::string& p) {
  return !p.empty() && p[0] != '/' && p.find("..") == std::string::npos && p.find('\0') == std::string::npos;
}

class BodyReader {
 public:
  BodyReader(std::string_view body, const ImageHeader& header, const std::string& directory) : in_(body) {
    for (const auto& f : header.files) paths_.push_back(directory + "/" + f);
    for (const auto& f : header.ehr_files) paths_.push_back(directory + "/" + f);
  }

  bool Read(Model* m, std::vector<Diagnostic>* warnings) {
    const size_t nwarnings = in_.Count(kMaxImageCount, 14);
    for (size_t i = 0; i < nwarnings && in_.ok(); ++i) warnings->push_back(Warning());

    for (std::string* s : {&m->id, &m->title, &m->version, &m->effective, &m->reviewed_by, &m->reviewed_on})
      *s = in_.String(kMaxImageString);
    m->review_period_months = in_.I32();
    m->where = Where();

    const size_t nbands = in_.Count(kMaxImageCount, 17);
    for (size_t i = 0; i < nbands && in_.ok(); ++i) {
      Band b;
      b.name = in_.String(kMaxImageString);
      b.from = in_.I32();
      b.needs_review = in_.Bool();
      b.where = Where();
      if (m->bands.empty() ? b.from != 0 : b.from <= m->bands.back().from) return in_.Fail("bands out of order");
      m->bands.push_back(std::move(b));
    }
    if (m->bands.empty()) return in_.Fail("no bands");
    m->unrecognized_needs_review = in_.Bool();
    m->probable_medications = in_.Bool();

    const size_t nsources = in_.Count(kMaxImageCount, 12);
    for (size_t i = 0; i < nsources && in_.ok(); ++i) {
      Source s;
      s.label = in_.String(kMaxImageString);
      s.citation = in_.String(kMaxImageString);
      s.url = in_.String(kMaxImageString);
      if (!m->source_index.emplace(s.label, static_cast<int>(i)).second) return in_.Fail("a source twice");
      m->sources.push_back(std::move(s));
    }

    const size_t nquestions = in_.Count(limits::kMaxQuestions, 50);
    for (size_t i = 0; i < nquestions && in_.ok(); ++i) {
      m->questions.push_back(Question());
      if (!m->question_index.emplace(m->questions.back().id, static_cast<int>(i)).second) return in_.Fail("a question twice");
    }
    for (size_t i = 0; i < m->questions.size() && in_.ok(); ++i) {
      const int by = m->questions[i].implied_by;
      if (by == -1) continue;
      if (by < 0 || static_cast<size_t>(by) >= m->questions.size() || static_cast<size_t>(by) == i ||
          m->questions[i].type != QuestionType::kBoolean)
        return in_.Fail("an implied_by out of range");
      m->implied.push_back(static_cast<int>(i));
    }
    auto meds = m->question_index.find("medications");
    if (meds != m->question_index.end() && m->questions[meds->second].type == QuestionType::kTextList)
      m->medications_question = meds->second;

    const size_t nderived = in_.Count(kMaxImageCount, 30);
    for (size_t i = 0; i < nderived && in_.ok(); ++i) {
      Derived d;
      d.id = in_.String(kMaxImageString);
      d.unit = in_.String(kMaxImageString);
      d.description = in_.String(kMaxImageString);
      if (!Expression(&d.expr, false, nullptr) || d.expr.root == nullptr) return in_.Fail("a derived value without its expression");
      d.where = Where();
      if (m->question_index.count(d.id) != 0 || !m->derived_index.emplace(d.id, static_cast<int>(i)).second)
        return in_.Fail("a derived value twice");
      m->derived.push_back(std::move(d));
    }

    if (!Lexicon(&m->lexicon)) return false;

    const size_t nrules = in_.Count(limits::kMaxRules, 60);
    for (size_t i = 0; i < nrules && in_.ok(); ++i)
      if (!Rule(*m)) return false;
    if (!in_.ok()) return false;
    if (m->ehr.loaded && !Ehr(m)) return false;
    if (in_.remaining() != 0) return in_.Fail("bytes after the last section");
    return TypeCheckAll(m);
  }

  std::string error() const { return in_.error(); }

 private:
  SourceLocation Where() {
    SourceLocation where;
    const std::uint32_t file = in_.U32();
    if (file == kLiteralFile) {
      where.file = in_.String(kMaxImageHeaderString);
    } else if (file > paths_.size()) {
      in_.Fail("a location in no file");
    } else if (file > 0) {
      where.file = paths_[file - 1];
    }
    where.line = in_.I32();
    where.column = in_.I32();
    return where;
  }

  Diagnostic Warning() {
    Diagnostic d;
    d.severity = in_.Enum(DiagnosticSeverity::kWarning);
    d.code = in_.Enum(DiagnosticCode::kStaleReview);
    d.location = Where();
    d.message = in_.String(kMaxImageString);
    d.source_line = in_.String(kMaxImageString);
    return d;
  }

  internal::Question Question() {
    internal::Question q;
    q.id = in_.String(kMaxImageString);
    q.type = in_.Enum(QuestionType::kTextList);
    q.unit = in_.String(kMaxImageString);
    q.prompt = in_.String(kMaxImageString);
    q.required = in_.Bool();
    q.for_the_record = in_.Bool();
    q.has_range = in_.Bool();
    q.min = in_.F64();
    q.max = in_.F64();
    const size_t nvalues = in_.Count(kMaxImageCount, 4);
    for (size_t i = 0; i < nvalues && in_.ok(); ++i) q.values.push_back(in_.String(kMaxImageString));
    Expression(&q.asked_when, false, nullptr);
    q.implied_by = in_.I32();
    q.where = Where();
    return q;
  }

  // The tree in pre-order, without recursion: `open` holds the nodes still
  // waiting for children. `preorder`, when given, receives every node.
  bool Expression(internal::Expression* e, bool classes_allowed, std::vector<const Node*>* preorder) {
    e->text = in_.String(limits::kMaxExpressionBytes);
    if (!in_.Bool()) return in_.ok();
    struct Open {
      Node* node;
      size_t left;
    };
    std::vector<Open> open;
    size_t count = 0;
    do {
      auto n = std::make_unique<Node>();
      n->kind = in_.Enum(NodeKind::kList);
      n->offset = in_.I32();
      n->end = in_.I32();
      n->number = in_.F64();
      n->boolean = in_.Bool();
      n->text = in_.String(limits::kMaxExpressionBytes);
      n->op = in_.Enum(CompareOp::kGe);
      n->arith = static_cast<char>(in_.U8());
      const size_t children = in_.Count(kMaxExpressionNodes, 28);  // the smallest node
      if (!in_.ok()) return false;
      Node* parent = open.empty() ? nullptr : open.back().node;
      const size_t size = e->text.size();
      if (n->offset < 0 || n->end < 0 || static_cast<size_t>(n->offset) > size || static_cast<size_t>(n->end) > size)
        return in_.Fail("a node outside its expression's text");
      if (std::strchr("+-*/", n->arith) == nullptr || n->arith == '\0') return in_.Fail("an unknown arithmetic operator");
      if (n->kind == NodeKind::kRound && !(n->number >= 0 && n->number <= 6 && n->number == static_cast<int>(n->number)))
        return in_.Fail("round() with digits out of range");
      if (n->kind == NodeKind::kMedicationClass && !classes_allowed) return in_.Fail("a medication class where none may be");
      if (!ChildCountFits(n->kind, children) || !PlaceFits(parent, parent ? parent->children.size() : 0, n->kind))
        return in_.Fail("a node shaped as the parser never shapes one");
      if (++count > kMaxExpressionNodes) return in_.Fail("an expression with too many nodes");
      Node* raw = n.get();
      if (preorder != nullptr) preorder->push_back(raw);
      if (parent == nullptr) {
        e->root = std::move(n);
      } else {
        parent->children.push_back(std::move(n));
        --open.back().left;
      }
      if (children > 0) {
        raw->children.reserve(children);
        open.push_back({raw, children});
      }
      while (!open.empty() && open.back().left == 0) open.pop_back();
    } while (!open.empty());
    return true;
  }

  bool Indices(std::vector<int>* out, size_t size) {
    const size_t n = in_.Count(kMaxImageCount, 4);
    out->reserve(n);
    for (size_t i = 0; i < n && in_.ok(); ++i) {
      const int v = in_.I32();
      if (v < 0 || static_cast<size_t>(v) >= size) return in_.Fail("an index out of range");
      out->push_back(v);
    }
    return in_.ok();
  }

  bool Lexicon(internal::Lexicon* lexicon) {
    const size_t nclasses = in_.Count(kMaxImageCount, 21);
    lexicon->Reserve(nclasses, 0, 0);
    for (size_t i = 0; i < nclasses && in_.ok(); ++i) {
      DrugClass c;
      c.id = in_.String(kMaxImageString);
      c.title = in_.String(kMaxImageString);
      c.interacts = in_.Bool();
      c.where = Where();
      if (lexicon->AddClass(std::move(c)) < 0) return in_.Fail("a class twice");
    }
    const size_t ndrugs = in_.Count(kMaxImageCount, 8);
    lexicon->Reserve(nclasses, ndrugs, 0);
    for (size_t i = 0; i < ndrugs && in_.ok(); ++i) {
      Drug d;
      d.generic = in_.String(kMaxImageString);
      if (!Indices(&d.classes, lexicon->classes().size()) || lexicon->AddDrug(std::move(d)) < 0) return in_.Fail("a bad drug");
    }
    const size_t nnames = in_.Count(limits::kMaxMedicationNames, 9);
    lexicon->Reserve(nclasses, ndrugs, nnames);
    for (size_t i = 0; i < nnames && in_.ok(); ++i) {
      DrugName n;
      n.text = in_.String(kMaxImageString);
      if (!Indices(&n.drugs, lexicon->drugs().size()) || n.drugs.empty()) return in_.Fail("a name of no drug");
      n.is_pattern = in_.Bool();
      lexicon->AddName(std::move(n));
    }
    const size_t nwords = in_.Count(limits::kMaxMedicationNames, 4);
    for (size_t i = 0; i < nwords && in_.ok(); ++i) lexicon->AddCommonWord(in_.String(kMaxImageHeaderString));
    return in_.ok();
  }


  bool Rule(Model& m) {
    internal::Rule r;
    r.id = in_.String(kMaxImageString);
    r.title = in_.String(kMaxImageString);
    r.severity = in_.Enum(Severity::kInfo);
    r.points = in_.I32();
    std::vector<const Node*> preorder;
    if (!Expression(&r.when, true, &preorder) || r.when.root == nullptr) return in_.Fail("a rule without its condition");
    const size_t nparts = in_.Count(kMaxImageCount, 9);
    for (size_t i = 0; i < nparts && in_.ok(); ++i) {
      MessagePart part;
      part.kind = in_.Enum(MessagePart::Kind::kClass);
      part.text = in_.String(kMaxImageString);
      part.index = in_.I32();
      const size_t size = part.kind == MessagePart::Kind::kQuestion  ? m.questions.size()
                          : part.kind == MessagePart::Kind::kDerived ? m.derived.size()
                          : part.kind == MessagePart::Kind::kClass   ? m.lexicon.classes().size()
                                                                     : 0;
      const bool fits = part.kind == MessagePart::Kind::kText ? part.index == -1
                                                              : part.index >= 0 && static_cast<size_t>(part.index) < size;
      if (!fits) return in_.Fail("a message placeholder out of range");
      r.message.push_back(std::move(part));
    }
    r.action = in_.String(kMaxImageString);
    if (!Indices(&r.sources, m.sources.size())) return false;
    r.local_policy = in_.Bool();
    r.urgent = in_.Bool();
    r.reviewed_by = in_.String(kMaxImageString);
    r.reviewed_on = in_.String(kMaxImageString);
    r.where = Where();
    r.when_where = Where();
    const size_t nconditions = in_.Count(kMaxExpressionNodes, 16);
    for (size_t i = 0; i < nconditions && in_.ok(); ++i) {
      const std::uint32_t node = in_.U32();
      if (node >= preorder.size()) return in_.Fail("a condition outside its rule");
      r.conditions.emplace_back(preorder[node], Where());
    }
    if (!in_.ok()) return false;
    m.rules.push_back(std::move(r));
    return true;
  }

  // A question of one of `types`, or -1 where `absent_ok`.
  bool QuestionRef(const Model& m, int q, std::initializer_list<QuestionType> types, bool absent_ok) {
    if (q == -1 && absent_ok) return true;
    if (q < 0 || static_cast<size_t>(q) >= m.questions.size() ||
        std::find(types.begin(), types.end(), m.questions[q].type) == types.end())
      return in_.Fail("a FHIR mapping to a question out of range or of the wrong type");
    return true;
  }

  std::vector<std::string> Strings(size_t min_count) {
    std::vector<std::string> out(in_.Count(kMaxImageCount, 4));
    for (auto& s : out) s = in_.String(kMaxImageString);
    if (out.size() < min_count) in_.Fail("an empty list");
    return out;
  }

  // The FHIR code mappings, rebuilding the indices by code as the loader
  // fills them (each code once: the loader refuses a code twice).
  bool Ehr(Model* m) {
    EhrMapping& e = m->ehr;
    e.questionnaire_url = in_.String(kMaxImageString);
    e.vitals_max_age_days = in_.I32();
    e.age_question = in_.I32();
    e.sex_question = in_.I32();
    if (!in_.ok()) return false;
    if (e.vitals_max_age_days < 0 || e.vitals_max_age_days > 3650) return in_.Fail("a vitals window out of range");
    if (!QuestionRef(*m, e.age_question, {QuestionType::kInteger}, true) ||
        !QuestionRef(*m, e.sex_question, {QuestionType::kEnum}, true))
      return false;
    const size_t ngender = in_.Count(kMaxImageCount, 8);
    for (size_t i = 0; i < ngender && in_.ok(); ++i) {
      std::string from = in_.String(kMaxImageString), to = in_.String(kMaxImageString);
      if (e.sex_question >= 0) {
        const auto& values = m->questions[e.sex_question].values;
        if (std::find(values.begin(), values.end(), to) == values.end()) return in_.Fail("a gender mapped to no value");
      }
      if (!e.gender_values.emplace(std::move(from), std::move(to)).second) return in_.Fail("a gender twice");
    }
    const size_t nobs = in_.Count(kMaxImageCount, 25);
    for (size_t i = 0; i < nobs && in_.ok(); ++i) {
      EhrObservationCode o;
      o.loinc = in_.String(kMaxImageString);
      o.display = in_.String(kMaxImageString);
      o.question = in_.I32();
      o.higher_is_safer = in_.Bool();
      o.where = Where();
      if (!in_.ok() || !QuestionRef(*m, o.question, {QuestionType::kInteger, QuestionType::kNumber}, false)) return false;
      if (!e.by_loinc.emplace(o.loinc, static_cast<int>(i)).second) return in_.Fail("a LOINC code twice");
      e.observations.push_back(std::move(o));
    }
    const size_t nconditions = in_.Count(kMaxImageCount, 32);
    for (size_t i = 0; i < nconditions && in_.ok(); ++i) {
      EhrConditionSet c;
      c.question = in_.I32();
      c.value = in_.I32();
      c.label = in_.String(kMaxImageString);
      c.source = in_.String(kMaxImageString);
      c.snomed = Strings(0);
      c.icd10cm = Strings(0);
      c.where = Where();
      if (!in_.ok() || !QuestionRef(*m, c.question, {QuestionType::kBoolean, QuestionType::kEnum}, false)) return false;
      const internal::Question& q = m->questions[c.question];
      const bool value_ok = q.type == QuestionType::kBoolean ? c.value == 1
                                                             : c.value >= 0 && static_cast<size_t>(c.value) < q.values.size();
      if (!value_ok) return in_.Fail("a value set answering a value its question does not have");
      for (const auto& code : c.snomed)
        if (!e.by_snomed.emplace(code, static_cast<int>(i)).second) return in_.Fail("a SNOMED CT code twice");
      for (const auto& code : c.icd10cm) {
        const bool twice = std::any_of(e.icd10cm.begin(), e.icd10cm.end(), [&](const auto& p) { return p.first == code; });
        if (twice) return in_.Fail("an ICD-10-CM code twice");
        e.icd10cm.emplace_back(code, static_cast<int>(i));
      }
      e.conditions.push_back(std::move(c));
    }
    const size_t nmeds = in_.Count(kMaxImageCount, 24);
    for (size_t i = 0; i < nmeds && in_.ok(); ++i) {
      EhrMedicationCode c;
      c.rxcui = in_.String(kMaxImageString);
      c.name = in_.String(kMaxImageString);
      c.generics = Strings(1);
      c.where = Where();
      if (!in_.ok()) return false;
      for (const auto& g : c.generics)
        if (m->lexicon.FindDrug(g) < 0) return in_.Fail("an RxNorm code of a drug the lexicon does not have");
      if (!e.by_rxcui.emplace(c.rxcui, static_cast<int>(i)).second) return in_.Fail("an RxNorm code twice");
      e.medications.push_back(std::move(c));
    }
    const size_t nallergies = in_.Count(kMaxImageCount, 24);
    for (size_t i = 0; i < nallergies && in_.ok(); ++i) {
      EhrAllergySet a;
      a.question = in_.I32();
      a.label = in_.String(kMaxImageString);
      a.source = in_.String(kMaxImageString);
      a.names = Strings(1);
      a.where = Where();
      if (!in_.ok() || !QuestionRef(*m, a.question, {QuestionType::kBoolean}, false)) return false;
      for (const auto& name : a.names)
        if (!IsAllergyName(name)) return in_.Fail("an allergy name that is not words of letters and digits");
      e.allergies.push_back(std::move(a));
    }
    return in_.ok();
  }

  // The loader's scopes: asked_when sees the questions before its own,
  // a derived value every question and the derived values before it, a
  // rule everything.
  bool TypeCheckAll(Model* m) {
    std::vector<TypeError> errors;
    const int nq = static_cast<int>(m->questions.size()), nd = static_cast<int>(m->derived.size());
    for (int i = 0; i < nq; ++i)
      if (m->questions[i].asked_when.root != nullptr)
        TypeCheck(&m->questions[i].asked_when, Scope{m, i, 0, ""}, ValueType::kBoolean, &errors);
    for (int i = 0; i < nd; ++i) TypeCheck(&m->derived[i].expr, Scope{m, nq, i, ""}, ValueType::kNumber, &errors);
    for (auto& r : m->rules) TypeCheck(&r.when, Scope{m, nq, nd, ""}, ValueType::kBoolean, &errors);
    if (!errors.empty()) return in_.Fail("an expression that does not type-check");
    return true;
  }

  ImageReader in_;
  std::vector<std::string> paths_;
};

}  // namespace

bool ReadImageHeader(std::string_view image, ImageHeader* header, std::string* why) {
  if (image.size() < kImagePrefixBytes || std::memcmp(image.data(), kImageMagic, sizeof kImageMagic) != 0) {
    *why = "not a rulebook image";
    return false;
  }
  ImageReader in(image);
  in.Raw(sizeof kImageMagic);
  header->format_version = in.U32();
  if (header->format_version != kImageFormatVersion) {
    *why = "image format " + std::to_string(header->format_version) + ", not " + std::to_string(kImageFormatVersion);
    return false;
  }
  if (in.U64() != ImageChecksum(image.substr(kImagePrefixBytes))) {
    *why = "the checksum does not match";
    return false;
  }
  header->engine_version = in.String(kMaxImageHeaderString);
  header->fingerprint = in.String(kMaxImageHeaderString);
  header->sha256 = in.String(kMaxImageHeaderString);
  const size_t nfiles = in.Count(kMaxImageFiles, 4);
  for (size_t i = 0; i < nfiles && in.ok(); ++i) header->files.push_back(in.String(kMaxImageHeaderString));
  header->ehr_loaded = in.Bool();
  header->ehr_sha256 = in.String(kMaxImageHeaderString);
  const size_t nehr = in.Count(kMaxImageFiles, 4);
  for (size_t i = 0; i < nehr && in.ok(); ++i) header->ehr_files.push_back(in.String(kMaxImageHeaderString));
  if (!in.ok()) {
    *why = in.error();
    return false;
  }
  if (header->files.empty() || header->files[0] != "rulebook.yaml" ||
      !std::all_of(header->files.begin(), header->files.end(), RelativePathOk)) {
    *why = "the image lists files outside a rulebook directory";
    return false;
  }
  const bool ehr_files_ok = std::all_of(header->ehr_files.begin(), header->ehr_files.end(), [](const std::string& f) {
    return f.compare(0, 5, "fhir/") == 0 && RelativePathOk(f);
  });
  if (header->ehr_loaded ? header->ehr_files.empty() || header->ehr_files[0] != "fhir/mapping.yaml" || !ehr_files_ok
                         : !header->ehr_files.empty() || !header->ehr_sha256.empty()) {
    *why = "the image lists FHIR mapping files outside the rulebook's fhir directory";
    return false;
  }
  header->body_offset = in.position();
  return true;
}

std::unique_ptr<Model> ReadImageBody(std::string_view image, const ImageHeader& header, const std::string& directory,
                                     std::vector<Diagnostic>* warnings, std::string* why) {
  if (header.body_offset > image.size()) {
    *why = "no body";
    return nullptr;
  }
  auto model = std::make_unique<Model>();
  model->directory = directory;
  model->sha256 = header.sha256;
  model->files = header.files;
  model->ehr.loaded = header.ehr_loaded;
  model->ehr.sha256 = header.ehr_sha256;
  model->ehr.files = header.ehr_files;
  std::vector<Diagnostic> stored;
  BodyReader reader(image.substr(header.body_offset), header, directory);
  if (!reader.Read(model.get(), &stored)) {
    *why = reader.error();
    return nullptr;
  }
  std::vector<std::pair<int, std::string>> errors;
  if (!model->lexicon.Compile(&errors)) {
    *why = "the lexicon does not compile";
    return nullptr;
  }
  warnings->insert(warnings->end(), std::make_move_iterator(stored.begin()), std::make_move_iterator(stored.end()));
  return model;
}

}  // namespace candidacy::internal
