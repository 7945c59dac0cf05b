// Three-valued evaluator. Test: tests/engine/decide/evaluator_test.cc.
#include "decide/evaluator.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "base/decimal_round.h"

namespace candidacy::internal {

const char* TriName(Tri t) {
  switch (t) {
    case Tri::kFalse: return "false";
    case Tri::kTrue: return "true";
    case Tri::kUnknown: return "unknown";
  }
  return "?";
}

void EvalRecorder::Start(int count, Mode mode) {
  mode_ = mode;
  const size_t n = static_cast<size_t>(count);
  if (mode == Mode::kFull) {
    nodes_.assign(n, Entry{});
    return;
  }
  if (++generation_ == 0) {  // wrapped: no stale stamp may equal a new generation
    std::fill(values_.begin(), values_.end(), Value{});
    generation_ = 1;
  }
  if (values_.size() < n) values_.resize(n, Value{});
}

void EvalRecorder::Examine(const Node& n) {
  Entry& e = nodes_[static_cast<size_t>(n.id)];
  // Not evaluated (nothing below is either), or examined already with all
  // that its own evaluation reaches (reached nodes reach only reached nodes).
  if ((e.flags & kEvaluated) == 0 || (e.flags & kExamined) != 0) return;
  e.flags |= kExamined;
  if (n.kind == NodeKind::kAnd || n.kind == NodeKind::kOr) {
    const Tri deciding = n.kind == NodeKind::kOr ? Tri::kTrue : Tri::kFalse;
    for (const auto& c : n.children) {
      Examine(*c);
      if (condition(*c) == deciding) return;  // where the evaluation would stop
    }
    return;
  }
  for (const auto& c : n.children) Examine(*c);
}

void EvalRecorder::CollectReads(const Node& n, std::vector<Read>* reads) {
  switch (n.kind) {
    case NodeKind::kRef:
      reads->push_back({n.ref_is_derived ? Read::Kind::kDerived : Read::Kind::kQuestion, n.index});
      return;
    case NodeKind::kMedicationClass:
      reads->push_back({Read::Kind::kClass, n.index});
      return;
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      // The operands that agree with the whole decide it: for a true 'or' the
      // true ones, for a false 'and' the false ones; otherwise all of them.
      // Each operand of a deciding and/or is looked at (examined) to see
      // whether it agrees, those after the short-circuit point too.
      Examine(n);
      const Tri whole = condition(n);
      const Tri deciding = n.kind == NodeKind::kOr ? Tri::kTrue : Tri::kFalse;
      for (const auto& c : n.children) {
        if (whole != deciding) {
          CollectReads(*c, reads);
          continue;
        }
        Examine(*c);
        if (condition(*c) == deciding) CollectReads(*c, reads);
      }
      return;
    }
    default:
      for (const auto& c : n.children) CollectReads(*c, reads);
  }
}

namespace {

Tri FromState(NumValue::State s) { return s == NumValue::State::kUnknown ? Tri::kUnknown : Tri::kFalse; }

// A value read as a condition: a known one is true unless 0.
Tri Truth(NumValue v) {
  if (v.state != NumValue::State::kKnown) return FromState(v.state);
  return v.value != 0 ? Tri::kTrue : Tri::kFalse;
}

Tri Not(Tri t) { return t == Tri::kUnknown ? t : (t == Tri::kTrue ? Tri::kFalse : Tri::kTrue); }

// A condition read as a number: 1 or 0, or unknown.
NumValue AsNumber(Tri t) {
  if (t == Tri::kUnknown) return {NumValue::State::kUnknown, 0};
  return {NumValue::State::kKnown, t == Tri::kTrue ? 1.0 : 0.0};
}

NumValue Negate(NumValue v) {
  v.value = -v.value;
  return v;
}

AskState AskStateOf(Tri asked_when) {
  return asked_when == Tri::kTrue ? AskState::kAsked : (asked_when == Tri::kFalse ? AskState::kNotAsked : AskState::kMaybe);
}

bool Compare(CompareOp op, double a, double b) {
  switch (op) {
    case CompareOp::kEq: return a == b;
    case CompareOp::kNe: return a != b;
    case CompareOp::kLt: return a < b;
    case CompareOp::kLe: return a <= b;
    case CompareOp::kGt: return a > b;
    case CompareOp::kGe: return a >= b;
  }
  return false;
}

// a `op` b: false when either side is not asked, unknown when either is unanswered.
Tri CompareValues(CompareOp op, NumValue a, NumValue b) {
  using S = NumValue::State;
  if (a.state == S::kNotAsked || b.state == S::kNotAsked) return Tri::kFalse;
  if (a.state == S::kUnknown || b.state == S::kUnknown) return Tri::kUnknown;
  return Compare(op, a.value, b.value) ? Tri::kTrue : Tri::kFalse;
}

double LiteralValue(const Node& n) { return n.kind == NodeKind::kString ? n.index : n.number; }

// 10^digits; a table for the whole digit counts rules write (the same exact
// values std::pow gives, without its cost on every rounded answer).
double Pow10(double digits) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  if (digits >= 0 && digits <= 15 && digits == std::floor(digits)) return kPow10[static_cast<int>(digits)];
  return std::pow(10.0, digits);
}

// round(v, digits): halves up in decimal, as charts report (base/decimal_round.h).
NumValue Round(NumValue v, double digits) {
  if (v.state != NumValue::State::kKnown) return v;
  const double scale = Pow10(digits);
  v.value = RoundHalfUpTwelveDigits(v.value * scale) / scale;
  return v;
}

NumValue Arith(char op, NumValue a, NumValue b) {
  using S = NumValue::State;
  if (a.state == S::kNotAsked || b.state == S::kNotAsked) return {S::kNotAsked, 0};
  if (a.state == S::kUnknown || b.state == S::kUnknown) return {S::kUnknown, 0};
  double r = 0;
  switch (op) {
    case '+': r = a.value + b.value; break;
    case '-': r = a.value - b.value; break;
    case '*': r = a.value * b.value; break;
    case '/': r = a.value / b.value; break;
  }
  if (!std::isfinite(r)) return {S::kUnknown, 0};  // e.g. division by zero: never a silent false
  return {S::kKnown, r};
}

}  // namespace

Evaluator::Evaluator(const Model& model, const Answers& answers, const std::vector<MedicationMatch>& meds,
                     EvalTables* tables, EvalRecorder* recorder)
    : model_(model),
      answers_(answers),
      t_(tables != nullptr ? tables : &own_),
      rec_(recorder),
      full_(recorder != nullptr && recorder->full()),
      nodes_(full_ ? recorder->nodes_.data() : nullptr),
      values_(recorder != nullptr && !full_ ? recorder->values_.data() : nullptr),
      generation_(recorder != nullptr ? recorder->generation_ : 0),
      flags_(full_ ? EvalRecorder::kEvaluated | EvalRecorder::kReached | EvalRecorder::kExamined : 0) {
  std::vector<AskState>& asked = t_->asked;
  asked.assign(model.questions.size(), AskState::kAsked);
  if (values_ != nullptr && !model.program.steps.empty()) {  // a summary screening: the flat steps, in the same order
    const Program& p = model.program;
    const auto slots = static_cast<std::size_t>(model.value_count);
    if (t_->conditions.size() < slots) t_->conditions.resize(slots);
    if (t_->numbers.size() < slots) t_->numbers.resize(slots);
    conditions_ = t_->conditions.data();  // (and so Eval reads the slots, once they are filled below)
    numbers_ = t_->numbers.data();
    Run(p, 0, p.asked_end);
    SetClasses(meds);
    t_->derived.assign(model.derived.size(), NumValue{});
    RunAfterAsked(p);
    return;
  }
  for (int i : model.conditional_questions)  // in rulebook order
    asked[i] = AskStateOf(Eval(*model.questions[i].asked_when.root));  // reads only questions declared before i (checked at load)
  SetClasses(meds);
  t_->derived.clear();
  t_->derived.reserve(model.derived.size());
  for (const auto& d : model.derived) t_->derived.push_back(EvalNumber(*d.expr.root));  // earlier ones only
}

void Evaluator::SetClasses(const std::vector<MedicationMatch>& meds) {
  t_->class_present.assign(model_.lexicon.classes().size(), 0);
  for (const auto& m : meds)
    for (int c : m.classes) t_->class_present[c] = 1;
}

namespace {

// `any medication in class cls`, given the medications answer's state.
Tri ClassGiven(NumValue::State medications, const std::vector<std::uint8_t>& present, int cls) {
  if (medications != NumValue::State::kKnown) return FromState(medications);
  return present[static_cast<std::size_t>(cls)] ? Tri::kTrue : Tri::kFalse;
}

}  // namespace

Tri Evaluator::ClassCondition(int cls) const {
  return ClassGiven(ListState(model_.medications_question), t_->class_present, cls);
}

NumValue Evaluator::QuestionNumber(int q) const {
  const Answer& a = answers_.by_question[q];
  if (a.present) return {NumValue::State::kKnown, a.number};
  return {t_->asked[q] == AskState::kNotAsked ? NumValue::State::kNotAsked : NumValue::State::kUnknown, 0};
}

inline bool Evaluator::LeafValue(const Node& n, NumValue* v) const {
  switch (n.kind) {
    case NodeKind::kNumber: *v = {NumValue::State::kKnown, n.number}; return true;
    case NodeKind::kBoolean: *v = {NumValue::State::kKnown, n.boolean ? 1.0 : 0.0}; return true;
    case NodeKind::kString: *v = {NumValue::State::kKnown, static_cast<double>(n.index)}; return true;
    case NodeKind::kRef: *v = n.ref_is_derived ? t_->derived[n.index] : QuestionNumber(n.index); return true;
    default: return false;
  }
}

inline NumValue Evaluator::Operand(const Node& n) const {
  NumValue v;
  if (!full_ && LeafValue(n, &v)) return v;
  return EvalNumber(n);
}

Tri Evaluator::AllOperands(const Node& n, Tri deciding) const {
  const std::uint8_t outer = flags_;
  bool decided = false, unknown = false;
  for (const auto& c : n.children) {
    const Tri t = Eval(*c);
    if (t == deciding) {
      if (!decided) flags_ = EvalRecorder::kEvaluated;  // the operands after this one are not reached
      decided = true;
    } else if (t == Tri::kUnknown) {
      unknown = true;
    }
  }
  flags_ = outer;
  if (decided) return deciding;
  if (unknown) return Tri::kUnknown;
  return deciding == Tri::kFalse ? Tri::kTrue : Tri::kFalse;
}

NumValue::State Evaluator::ListState(int q) const {
  if (answers_.by_question[q].present) return NumValue::State::kKnown;
  return t_->asked[q] == AskState::kNotAsked ? NumValue::State::kNotAsked : NumValue::State::kUnknown;
}

NumValue Evaluator::EvalValue(const Node& n) const {
  if (NumValue leaf; LeafValue(n, &leaf)) return leaf;
  switch (n.kind) {
    case NodeKind::kNegate: return Negate(Operand(*n.children[0]));
    case NodeKind::kRound: return Round(Operand(*n.children[0]), n.number);
    case NodeKind::kArith: return Arith(n.arith, Operand(*n.children[0]), Operand(*n.children[1]));
    default: return AsNumber(Eval(n));
  }
}

Tri Evaluator::EvalCondition(const Node& n) const {
  using S = NumValue::State;
  switch (n.kind) {
    case NodeKind::kBoolean: return n.boolean ? Tri::kTrue : Tri::kFalse;
    case NodeKind::kRef: return Truth(Operand(n));
    case NodeKind::kNot: return Not(Eval(*n.children[0]));
    case NodeKind::kAnd: {
      if (full_) return AllOperands(n, Tri::kFalse);
      Tri result = Tri::kTrue;
      for (const auto& c : n.children) {
        const Tri t = Eval(*c);
        if (t == Tri::kFalse) return Tri::kFalse;
        if (t == Tri::kUnknown) result = Tri::kUnknown;
      }
      return result;
    }
    case NodeKind::kOr: {
      if (full_) return AllOperands(n, Tri::kTrue);
      Tri result = Tri::kFalse;
      for (const auto& c : n.children) {
        const Tri t = Eval(*c);
        if (t == Tri::kTrue) return Tri::kTrue;
        if (t == Tri::kUnknown) result = Tri::kUnknown;
      }
      return result;
    }
    case NodeKind::kCompare: return CompareValues(n.op, Operand(*n.children[0]), Operand(*n.children[1]));
    case NodeKind::kIn: {
      const NumValue a = Operand(*n.children[0]);
      if (a.state != S::kKnown) return FromState(a.state);
      for (const auto& item : n.children[1]->children)
        if (a.value == LiteralValue(*item)) return Tri::kTrue;
      return Tri::kFalse;
    }
    case NodeKind::kContains:
    case NodeKind::kContainsAny: {
      const int q = n.children[0]->index;
      const S s = ListState(q);
      if (s != S::kKnown) return FromState(s);
      const auto& list = answers_.by_question[q].enum_list;
      auto holds = [&](const Node& item) { return std::find(list.begin(), list.end(), item.index) != list.end(); };
      if (n.kind == NodeKind::kContains) return holds(*n.children[1]) ? Tri::kTrue : Tri::kFalse;
      for (const auto& item : n.children[1]->children)
        if (holds(*item)) return Tri::kTrue;
      return Tri::kFalse;
    }
    case NodeKind::kMedicationClass: return ClassCondition(n.index);
    default: return Truth(EvalNumber(n));  // a number used as a condition cannot pass the type checker
  }
}

bool Evaluator::IsUnknown(const Node& n) const {
  if (n.compiled && conditions_ != nullptr)
    return IsNumberOperator(n.kind) ? numbers_[n.value_id].state == NumValue::State::kUnknown : conditions_[n.value_id] == Tri::kUnknown;
  switch (n.kind) {
    case NodeKind::kRef: {
      if (n.type == ValueType::kEnumList || n.type == ValueType::kTextList)
        return ListState(n.index) == NumValue::State::kUnknown;
      NumValue v;
      LeafValue(n, &v);  // a table read, never an evaluation
      return v.state == NumValue::State::kUnknown;
    }
    case NodeKind::kNumber:
    case NodeKind::kString:
    case NodeKind::kBoolean:
    case NodeKind::kList:
      return false;
    case NodeKind::kArith:
    case NodeKind::kNegate:
    case NodeKind::kRound:
      // Recorded by EvalNumber: such a node is never read in place.
      if (nodes_ != nullptr) return nodes_[n.id].state == NumValue::State::kUnknown;
      if (values_ != nullptr) {
        const EvalRecorder::Value& v = values_[n.value_id];
        return v.number_seen == generation_ && v.number.state == NumValue::State::kUnknown;
      }
      return EvalNumber(n).state == NumValue::State::kUnknown;
    default:
      // Recorded by Eval (EvalNumber's value of a condition goes through it).
      if (nodes_ != nullptr) return nodes_[n.id].condition == Tri::kUnknown;
      if (values_ != nullptr) {
        const EvalRecorder::Value& v = values_[n.value_id];
        return v.condition_seen == generation_ && v.condition == Tri::kUnknown;
      }
      return Eval(n) == Tri::kUnknown;
  }
}

void Evaluator::CollectMissing(const Node& n, std::vector<int>* questions, std::vector<int>* deciding) const {
  auto add = [&](int q) {
    if (answered(q) || t_->asked[q] == AskState::kNotAsked) return;
    questions->push_back(q);
    if (t_->asked[q] == AskState::kMaybe)  // what decides whether q is asked at all
      CollectMissing(*model_.questions[q].asked_when.root, deciding != nullptr ? deciding : questions, nullptr);
  };
  switch (n.kind) {
    case NodeKind::kRef:
      if (n.ref_is_derived)
        CollectMissing(*model_.derived[n.index].expr.root, questions, deciding);
      else
        add(n.index);
      return;
    case NodeKind::kMedicationClass:
      add(model_.medications_question);
      return;
    default:
      for (const auto& c : n.children)
        if (IsUnknown(*c)) CollectMissing(*c, questions, deciding);
  }
}

// The flat steps (expr/program.h). Each computes what EvalCondition or
// EvalValue computes for the node it was compiled from, from operands read
// as LeafValue and Operand read them; a step's value goes to the slot of its
// value id in the tables, where Eval, IsUnknown and CollectMissing read it.
NumValue Evaluator::ProgramValue(const ProgramOperand& o) const {
  using K = ProgramOperand::Kind;
  switch (o.kind) {
    case K::kLiteral: return {NumValue::State::kKnown, o.literal};
    case K::kQuestion: return QuestionNumber(o.index);
    case K::kDerived: return t_->derived[o.index];
    case K::kNumber: return numbers_[o.index];
    case K::kCondition: return AsNumber(conditions_[o.index]);
  }
  return {};
}

Tri Evaluator::ProgramCondition(const ProgramOperand& o) const {
  if (o.kind == ProgramOperand::Kind::kCondition) return conditions_[o.index];
  return Truth(ProgramValue(o));  // a question or a literal, as EvalCondition reads a reference
}

NumValue Evaluator::ProgramNumber(const Node& n) const {
  ProgramOperand o;
  o.kind = IsNumberOperator(n.kind) ? ProgramOperand::Kind::kNumber : ProgramOperand::Kind::kCondition;
  o.index = n.value_id;
  return ProgramValue(o);
}

namespace {

// An answer against a literal: compared when present; else false when the
// question is not asked, unknown when it is unanswered.
template <typename Compare>
Tri AnswerAgainst(const Answer& answer, AskState asked, double literal, Compare compare) {
  return answer.present ? (compare(answer.number, literal) ? Tri::kTrue : Tri::kFalse)
                        : (asked == AskState::kNotAsked ? Tri::kFalse : Tri::kUnknown);
}

}  // namespace

void Evaluator::Step(const Program& p, const ProgramStep& s) {
  using S = NumValue::State;
  Tri* const conditions = conditions_;
  auto set_condition = [conditions](int slot, Tri t) { conditions[slot] = t; };
  auto set_number = [this](int slot, NumValue n) { numbers_[slot] = n; };
  auto answer_step = [&](const ProgramStep& s, auto compare) {
    set_condition(s.slot, AnswerAgainst(answers_.by_question[s.a.index], t_->asked[s.a.index], s.b.literal, compare));
  };
  switch (s.op) {  // (each answer op's comparison, as RunAfterAsked runs Program::compares)
    case ProgramOp::kAnswerEq: answer_step(s, std::equal_to<double>()); break;
    case ProgramOp::kAnswerNe: answer_step(s, std::not_equal_to<double>()); break;
    case ProgramOp::kAnswerLt: answer_step(s, std::less<double>()); break;
    case ProgramOp::kAnswerLe: answer_step(s, std::less_equal<double>()); break;
    case ProgramOp::kAnswerGt: answer_step(s, std::greater<double>()); break;
    case ProgramOp::kAnswerGe: answer_step(s, std::greater_equal<double>()); break;
    case ProgramOp::kCompare: set_condition(s.slot, CompareValues(s.cmp, ProgramValue(s.a), ProgramValue(s.b))); break;
    case ProgramOp::kIn: {
      const NumValue a = ProgramValue(s.a);
      Tri t = FromState(a.state);
      if (a.state == S::kKnown) {
        t = Tri::kFalse;
        for (int k = s.begin; k < s.begin + s.count; ++k)
          if (a.value == p.items[static_cast<std::size_t>(k)]) {
            t = Tri::kTrue;
            break;
          }
      }
      set_condition(s.slot, t);
      break;
    }
    case ProgramOp::kContains:
    case ProgramOp::kContainsAny: {
      const S state = ListState(s.index);
      Tri t = FromState(state);
      if (state == S::kKnown) {
        t = Tri::kFalse;
        const std::vector<int>& list = answers_.by_question[s.index].enum_list;
        for (int k = s.begin; k < s.begin + s.count && t == Tri::kFalse; ++k)
          if (std::find(list.begin(), list.end(), p.enum_items[static_cast<std::size_t>(k)]) != list.end()) t = Tri::kTrue;
      }
      set_condition(s.slot, t);
      break;
    }
    case ProgramOp::kMedicationClass: set_condition(s.slot, ClassCondition(s.index)); break;
    case ProgramOp::kNot: set_condition(s.slot, Not(ProgramCondition(s.a))); break;
    case ProgramOp::kAnd:
    case ProgramOp::kOr: {
      const Tri deciding = s.op == ProgramOp::kOr ? Tri::kTrue : Tri::kFalse;
      Tri result = s.op == ProgramOp::kOr ? Tri::kFalse : Tri::kTrue;
      for (int k = s.begin; k < s.begin + s.count; ++k) {
        const Tri t = ProgramCondition(p.operands[static_cast<std::size_t>(k)]);
        if (t == deciding) {
          result = deciding;
          break;
        }
        if (t == Tri::kUnknown) result = Tri::kUnknown;
      }
      set_condition(s.slot, result);
      break;
    }
    case ProgramOp::kTruth: set_condition(s.slot, ProgramCondition(s.a)); break;
    case ProgramOp::kNegate: set_number(s.slot, Negate(ProgramValue(s.a))); break;
    case ProgramOp::kRound: set_number(s.slot, Round(ProgramValue(s.a), s.digits)); break;
    case ProgramOp::kArith: set_number(s.slot, Arith(s.arith, ProgramValue(s.a), ProgramValue(s.b))); break;
    case ProgramOp::kSetAsked: t_->asked[s.index] = AskStateOf(ProgramCondition(s.a)); break;
    case ProgramOp::kSetDerived: t_->derived[s.index] = ProgramValue(s.a); break;
  }
}

template <typename Compare>
void Evaluator::RunCompares(const std::vector<Program::AnswerCompare>& compares, Compare compare) {
  const Answer* const answers = answers_.by_question.data();
  const AskState* const asked = t_->asked.data();
  Tri* const conditions = conditions_;
  for (const Program::AnswerCompare& c : compares)
    conditions[c.slot] = AnswerAgainst(answers[c.question], asked[c.question], c.literal, compare);
}

void Evaluator::RunAfterAsked(const Program& p) {
  RunCompares(p.compares[0], std::equal_to<double>());
  RunCompares(p.compares[1], std::not_equal_to<double>());
  RunCompares(p.compares[2], std::less<double>());
  RunCompares(p.compares[3], std::less_equal<double>());
  RunCompares(p.compares[4], std::greater<double>());
  RunCompares(p.compares[5], std::greater_equal<double>());
  if (!p.classes.empty()) {
    const NumValue::State medications = ListState(model_.medications_question);
    for (const auto& [slot, cls] : p.classes) conditions_[slot] = ClassGiven(medications, t_->class_present, cls);
  }
  for (const std::uint32_t i : p.rest) Step(p, p.steps[i]);
}

void Evaluator::Run(const Program& p, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) Step(p, p.steps[i]);
}

}  // namespace candidacy::internal
