// The located reader's tree (DocNode) as a document *view*: the interface
// that the answer validator and the FHIR readers are written over, so the
// batch's simdjson view (input/simd_view.h) runs the very same code. A view
// gives kind(), boolean(), integer(), real(), text(), size(),
// ForEachItem(f(view)), ForEachMember(f(key, view)), Member(key) (an object's
// member, or nullopt), line(), column() (1-based; 0 when unknown) and
// origin() (the DocNode it reads, or null); ToDocNode(view) copies it.
// Tested by tests/engine/input/questionnaire_test.cc, tests/engine/input/fhir_fast_test.cc.
#pragma once

#include <optional>
#include <string_view>

#include "input/document.h"

namespace candidacy::internal {

class DocNodeView {
 public:
  static constexpr bool kLocated = true;  // places and origins are real: worth putting in messages

  DocNodeView() = default;
  explicit DocNodeView(const DocNode& n) : n_(&n) {}
  DocNode::Kind kind() const { return n_->kind; }
  bool boolean() const { return n_->boolean; }
  std::int64_t integer() const { return n_->integer; }
  double real() const { return n_->real; }
  std::string_view text() const { return n_->text; }
  size_t size() const { return n_->kind == DocNode::Kind::kArray ? n_->items.size() : n_->members.size(); }
  template <typename F>
  void ForEachItem(F&& f) const {
    for (const auto& item : n_->items) f(DocNodeView(item));
  }
  template <typename F>
  void ForEachMember(F&& f) const {
    for (const auto& [key, value] : n_->members) f(std::string_view(key), DocNodeView(value));
  }
  std::optional<DocNodeView> Member(std::string_view key) const {
    const DocNode* m = DocMember(*n_, key);
    if (m == nullptr) return std::nullopt;
    return DocNodeView(*m);
  }
  int line() const { return n_->line; }
  int column() const { return n_->column; }
  const DocNode* origin() const { return n_; }

 private:
  const DocNode* n_ = nullptr;
};

inline DocNode ToDocNode(const DocNodeView& v) { return *v.origin(); }

}  // namespace candidacy::internal
