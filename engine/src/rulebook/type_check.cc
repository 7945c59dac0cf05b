// Type checker for rule expressions. Test: tests/engine/rulebook/type_check_test.cc.
#include "base/diagnostic_messages.h"
#include "rulebook/type_check.h"

#include "base/spelling.h"

#include <algorithm>

namespace candidacy::internal {

const char* ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kBoolean: return "boolean";
    case ValueType::kNumber: return "number";
    case ValueType::kText: return "text";
    case ValueType::kEnum: return "enum";
    case ValueType::kEnumList: return "list of enum";
    case ValueType::kTextList: return "list of text";
  }
  return "?";
}

const char* CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq: return "==";
    case CompareOp::kNe: return "!=";
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
  }
  return "?";
}

namespace {

class Checker {
 public:
  Checker(const Scope& scope, std::vector<TypeError>* errors) : scope_(scope), errors_(errors) {}

  // Returns false when the node (or a child) has an error; its type is then unreliable.
  bool Check(Node* n) {
    switch (n->kind) {
      case NodeKind::kNumber: n->type = ValueType::kNumber; return true;
      case NodeKind::kBoolean: n->type = ValueType::kBoolean; return true;
      case NodeKind::kString: n->type = ValueType::kText; return true;
      case NodeKind::kList: return Error(n, Msg::kListOnlyAfterIn);
      case NodeKind::kRef: return CheckRef(n);
      case NodeKind::kNot:
        n->type = ValueType::kBoolean;
        return CheckIs(n->children[0].get(), ValueType::kBoolean, Msg::kNotNeedsCondition);
      case NodeKind::kAnd:
      case NodeKind::kOr: {
        n->type = ValueType::kBoolean;
        bool ok = true;
        const Msg what = n->kind == NodeKind::kAnd ? Msg::kAndJoinsConditions : Msg::kOrJoinsConditions;
        for (auto& c : n->children) ok = CheckIs(c.get(), ValueType::kBoolean, what) && ok;
        return ok;
      }
      case NodeKind::kCompare: return CheckCompare(n);
      case NodeKind::kIn: return CheckIn(n);
      case NodeKind::kContains:
      case NodeKind::kContainsAny: return CheckContains(n);
      case NodeKind::kArith: {
        n->type = ValueType::kNumber;
        const bool a = CheckIs(n->children[0].get(), ValueType::kNumber, Msg::kArithmeticNeedsNumbers);
        const bool b = CheckIs(n->children[1].get(), ValueType::kNumber, Msg::kArithmeticNeedsNumbers);
        return a && b;
      }
      case NodeKind::kNegate:
      case NodeKind::kRound:
        n->type = ValueType::kNumber;
        return CheckIs(n->children[0].get(), ValueType::kNumber, n->kind == NodeKind::kRound ? Msg::kRoundNeedsNumber : Msg::kNegateNeedsNumber);
      case NodeKind::kMedicationClass: return CheckClass(n);
    }
    return Error(n, Msg::kUnsupportedExpression);
  }

  bool CheckIs(Node* n, ValueType want, Msg context) {
    if (!Check(n)) return false;
    if (n->type == want) return true;
    return Error(n, Msg::kOperandType, MessageText(context), Describe(n), Article(n->type));
  }

 private:
  bool Error(const Node* n, std::string message, DiagnosticCode code) {
    errors_->push_back({n->offset, code, std::move(message)});
    return false;
  }
  // The table's message `id` (base/diagnostic_messages.cc) with its code.
  template <typename... Args>
  bool Error(const Node* n, Msg id, const Args&... args) {
    return Error(n, MessageText(id, args...), CodeOf(id));
  }

  static std::string Article(ValueType t) {
    const std::string name = ValueTypeName(t);
    return (t == ValueType::kEnum ? "an " : "a ") + name;
  }

  std::string Describe(const Node* n) const {
    switch (n->kind) {
      case NodeKind::kRef: return "'" + n->text + "'";
      case NodeKind::kString: return "'" + n->text + "'";
      case NodeKind::kNumber: return "this number";
      case NodeKind::kBoolean: return n->boolean ? "true" : "false";
      default: return "this";
    }
  }

  const Question* QuestionOf(const Node* n) const {
    if (n->kind != NodeKind::kRef || n->ref_is_derived || n->index < 0) return nullptr;
    return &scope_.model->questions[n->index];
  }

  bool CheckRef(Node* n) {
    const Model& m = *scope_.model;
    if (auto q = m.question_index.find(n->text); q != m.question_index.end()) {
      if (q->second >= scope_.visible_questions)
        return Error(n, MessageText(Msg::kCannotUsedHere, n->text, scope_.why_hidden), CodeOf(Msg::kCannotUsedHere));
      n->index = q->second;
      n->type = ValueTypeOf(m.questions[q->second].type);
      return true;
    }
    if (auto d = m.derived_index.find(n->text); d != m.derived_index.end()) {
      if (d->second >= scope_.visible_derived)
        return Error(n, MessageText(Msg::kCannotUsedHere, n->text, scope_.why_hidden), CodeOf(Msg::kCannotUsedHere));
      n->index = d->second;
      n->ref_is_derived = true;
      n->type = ValueType::kNumber;
      return true;
    }
    return Error(n, MessageText(Msg::kUnknownQuestionDerivedValue, n->text, Suggest(n->text)), CodeOf(Msg::kUnknownQuestionDerivedValue));
  }

  // " (did you mean 'x'?)" for the closest declared name, when one is close.
  std::string Suggest(const std::string& name) const {
    std::vector<std::string_view> names;
    for (const auto& q : scope_.model->questions) names.push_back(q.id);
    for (const auto& d : scope_.model->derived) names.push_back(d.id);
    const std::string best = ClosestName(name, names);
    return best.empty() ? "" : MessageText(Msg::kDidYouMeanSuffix, best);
  }

  // Resolves a string literal against an enum question's values.
  bool ResolveEnumValue(Node* literal, const Question& q) {
    if (literal->kind != NodeKind::kString)
      return Error(literal, Msg::kEnumValueInQuotes, q.id, ValuesList(q), Describe(literal), Article(literal->type));
    auto it = std::find(q.values.begin(), q.values.end(), literal->text);
    if (it == q.values.end())
      return Error(literal, MessageText(Msg::kNotValueAllowed, literal->text, q.id, ValuesList(q)), CodeOf(Msg::kNotValueAllowed));
    literal->index = static_cast<int>(it - q.values.begin());
    literal->type = ValueType::kEnum;
    return true;
  }

  static std::string ValuesList(const Question& q) {
    std::string out;
    for (const auto& v : q.values) out += (out.empty() ? "" : ", ") + v;
    return out;
  }

  bool CheckCompare(Node* n) {
    n->type = ValueType::kBoolean;
    Node* a = n->children[0].get();
    Node* b = n->children[1].get();
    const bool ok_a = Check(a), ok_b = Check(b);
    if (!ok_a || !ok_b) return false;
    const bool ordering = n->op != CompareOp::kEq && n->op != CompareOp::kNe;
    if (a->type == ValueType::kNumber && b->type == ValueType::kNumber) return true;
    if (a->type == ValueType::kBoolean && b->type == ValueType::kBoolean) {
      if (ordering) return Error(n, Msg::kBooleanCompareOp, CompareOpText(n->op));
      return true;
    }
    if (a->type == ValueType::kEnum || b->type == ValueType::kEnum) {
      Node* field = a->type == ValueType::kEnum ? a : b;
      Node* other = field == a ? b : a;
      if (ordering) return Error(n, Msg::kEnumCompareOp, field->text, CompareOpText(n->op));
      if (other->type == ValueType::kEnum) return Error(other, Msg::kEnumCompareQuestion);
      return ResolveEnumValue(other, *QuestionOf(field));
    }
    if (a->type == ValueType::kEnumList || a->type == ValueType::kTextList)
      return Error(a, Msg::kListUseContains, a->text, CompareOpText(n->op));
    return Error(n, Msg::kCannotCompareTypes, Article(a->type), Article(b->type));
  }

  bool CheckIn(Node* n) {
    n->type = ValueType::kBoolean;
    Node* field = n->children[0].get();
    Node* list = n->children[1].get();
    if (!Check(field)) return false;
    if (field->type == ValueType::kEnumList)
      return Error(field, Msg::kListUseContainsAny, field->text);
    bool ok = true;
    for (auto& item : list->children) {
      if (field->type == ValueType::kEnum) {
        ok = ResolveEnumValue(item.get(), *QuestionOf(field)) && ok;
      } else if (field->type == ValueType::kNumber) {
        Check(item.get());
        if (item->type != ValueType::kNumber) ok = Error(item.get(), Msg::kInListNumbers, Describe(field));
      } else {
        return Error(field, Msg::kInNeedsNumberOrEnum, Describe(field), Article(field->type));
      }
    }
    return ok;
  }

  bool CheckContains(Node* n) {
    n->type = ValueType::kBoolean;
    Node* field = n->children[0].get();
    if (!Check(field)) return false;
    const Question* q = QuestionOf(field);
    if (field->type != ValueType::kEnumList || q == nullptr)
      return Error(field, Msg::kContainsNeedsList, Describe(field), Article(field->type));
    if (n->kind == NodeKind::kContains) return ResolveEnumValue(n->children[1].get(), *q);
    bool ok = true;
    for (auto& item : n->children[1]->children) ok = ResolveEnumValue(item.get(), *q) && ok;
    return ok;
  }

  bool CheckClass(Node* n) {
    n->type = ValueType::kBoolean;
    const Model& m = *scope_.model;
    if (m.medications_question < 0 || m.medications_question >= scope_.visible_questions)
      return Error(n, MessageText(Msg::kMedicationClassesNeedQuestion), CodeOf(Msg::kMedicationClassesNeedQuestion));
    n->index = m.lexicon.FindClass(n->text);
    if (n->index < 0) return Error(n, MessageText(Msg::kUnknownMedicationClass, n->text), CodeOf(Msg::kUnknownMedicationClass));
    return true;
  }

  const Scope& scope_;
  std::vector<TypeError>* errors_;
};

}  // namespace

bool TypeCheck(Expression* expr, const Scope& scope, ValueType want, std::vector<TypeError>* errors) {
  const size_t before = errors->size();
  Checker checker(scope, errors);
  const Msg context = want == ValueType::kBoolean ? Msg::kConditionTrueFalse : Msg::kDerivedMustBeNumber;
  checker.CheckIs(expr->root.get(), want, context);
  return errors->size() == before;
}

}  // namespace candidacy::internal
