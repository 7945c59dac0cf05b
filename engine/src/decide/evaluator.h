// Three-valued evaluation of checked expressions over one questionnaire's
// answers (Kleene logic: false and unknown = false, true or unknown = true).
// An unanswered question is unknown; a question that was not asked (its
// asked_when is false) makes every comparison on it false. The evaluator is
// pure: it formats nothing. Tested by tests/engine/decide/evaluator_test.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "decide/eval_recorder.h"
#include "expr/ast.h"
#include "expr/program.h"
#include "input/answers.h"
#include "lexicon/lexicon.h"
#include "rulebook/model.h"

namespace candidacy::internal {

// Whether a question applies to this patient: its asked_when is true, false,
// or cannot be decided yet (then it is treated as asked).
enum class AskState : std::uint8_t { kAsked, kNotAsked, kMaybe };

// An evaluator's tables for one questionnaire (whether each question is
// asked, the derived values, the medication classes present), kept apart so
// that a batch can reuse their memory from one questionnaire to the next.
struct EvalTables {
  std::vector<AskState> asked;
  std::vector<NumValue> derived;
  std::vector<std::uint8_t> class_present;
  // The model's program's values, by value id (expr/program.h): each slot
  // written by its step before any read, so never cleared between screenings.
  std::vector<Tri> conditions;
  std::vector<NumValue> numbers;
};

class Evaluator {
 public:
  // Computes, in rulebook order, whether each question is asked, every derived
  // value, and which medication classes are present. With a recorder in
  // kValues mode (a summary screening) it runs the model's program
  // (expr/program.h) instead of walking trees: every node of the model's
  // expressions is then computed here, once, into the tables, and Eval,
  // EvalNumber and IsUnknown of one (Node::compiled) read its value; the
  // recorder then records only expressions from outside the model. `meds`
  // holds one match per entry of the medications answer. `tables`, when not null, is filled anew and
  // used instead of the evaluator's own (only one Evaluator may use it at a
  // time). `recorder`, when not null, records every evaluation from the
  // first (the asked_when conditions and derived values computed here) in its
  // mode (eval_recorder.h); Start() it for the model first. All references
  // must outlive the Evaluator.
  Evaluator(const Model& model, const Answers& answers, const std::vector<MedicationMatch>& meds,
            EvalTables* tables = nullptr, EvalRecorder* recorder = nullptr);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // The program's value of every compiled condition, by value id, when the
  // model's program ran (kValues); else null. A rule's condition is there at
  // Model::rule_value.
  const Tri* program_conditions() const { return conditions_; }

  Tri Eval(const Node& n) const {
    if (n.compiled && conditions_ != nullptr) return conditions_[n.value_id];  // computed by the model's program
    if (n.shared_value && values_ != nullptr) {  // kValues: a value several nodes share, computed once
      EvalRecorder::Value& v = values_[n.value_id];
      if (v.condition_seen != generation_) {
        v.condition = EvalCondition(n);
        v.condition_seen = generation_;
      }
      return v.condition;
    }
    const Tri t = EvalCondition(n);
    if (nodes_ != nullptr) {
      EvalRecorder::Entry& e = nodes_[n.id];
      e.condition = t;
      e.flags = flags_;
    } else if (t == Tri::kUnknown && values_ != nullptr) {  // kValues: only an unknown value kept (evaluated once anyway)
      EvalRecorder::Value& v = values_[n.value_id];
      v.condition = t;
      v.condition_seen = generation_;
    }
    return t;
  }
  // Numbers, booleans (0/1) and enum values (index).
  NumValue EvalNumber(const Node& n) const {
    if (n.compiled && conditions_ != nullptr) return ProgramNumber(n);
    if (n.shared_value && values_ != nullptr) {
      EvalRecorder::Value& r = values_[n.value_id];
      if (r.number_seen != generation_) {
        r.number = EvalValue(n);
        r.number_seen = generation_;
      }
      return r.number;
    }
    const NumValue v = EvalValue(n);
    if (nodes_ != nullptr) {
      EvalRecorder::Entry& e = nodes_[n.id];
      e.value = v.value;
      e.state = v.state;
      e.flags = flags_;
    } else if (v.state == NumValue::State::kUnknown && values_ != nullptr) {
      EvalRecorder::Value& r = values_[n.value_id];
      r.number = v;
      r.number_seen = generation_;
    }
    return v;
  }

  // For a node that evaluates to unknown: the unanswered questions whose
  // answers would decide it, appended to *questions (may repeat). The
  // unanswered questions that decide whether one of those is asked at all go
  // to *deciding, or to *questions too when `deciding` is null. With a
  // recorder, from the values it recorded; without, by evaluating again.
  void CollectMissing(const Node& n, std::vector<int>* questions, std::vector<int>* deciding = nullptr) const;

  AskState asked(int question) const { return t_->asked[question]; }
  bool answered(int question) const { return answers_.by_question[question].present; }
  const NumValue& derived(int index) const { return t_->derived[index]; }
  bool class_present(int cls) const { return t_->class_present[cls] != 0; }
  const EvalTables& tables() const { return *t_; }
  // True when the node's value (of whatever type) is unknown: with a
  // recorder, as recorded (n must have been evaluated, or be a leaf).
  bool IsUnknown(const Node& n) const;

 private:
  Tri EvalCondition(const Node& n) const;
  NumValue EvalValue(const Node& n) const;
  NumValue QuestionNumber(int q) const;
  // A leaf's value (a literal, a question, a derived value) into *v; false,
  // *v untouched, for any other node.
  bool LeafValue(const Node& n, NumValue* v) const;
  // EvalNumber(n), with a leaf read in place unless a full recorder is
  // attached: most operands are leaves.
  NumValue Operand(const Node& n) const;
  NumValue::State ListState(int q) const;
  // A full recorder's and/or: every operand evaluated once, those after the
  // first equal to `deciding` recorded as not reached.
  Tri AllOperands(const Node& n, Tri deciding) const;
  void SetClasses(const std::vector<MedicationMatch>& meds);
  // `any medication in class cls`, from the tables.
  Tri ClassCondition(int cls) const;
  // The model's program: steps [begin, end) into the tables' slots; the
  // steps after asked_end in the order Program::compares, classes and rest
  // give them.
  void Run(const Program& p, std::size_t begin, std::size_t end);
  void RunAfterAsked(const Program& p);
  template <typename Compare>
  void RunCompares(const std::vector<Program::AnswerCompare>& compares, Compare compare);
  [[gnu::always_inline]] inline void Step(const Program& p, const ProgramStep& s);  // one step, in place
  NumValue ProgramValue(const ProgramOperand& o) const;
  Tri ProgramCondition(const ProgramOperand& o) const;
  NumValue ProgramNumber(const Node& n) const;  // a compiled node's value as a number

  const Model& model_;
  const Answers& answers_;
  EvalTables own_;
  EvalTables* t_;  // &own_ or the caller's
  EvalRecorder* rec_ = nullptr;
  bool full_ = false;                        // rec_ in kFull mode
  EvalRecorder::Entry* nodes_ = nullptr;     // kFull: rec_'s values by node id
  EvalRecorder::Value* values_ = nullptr;    // kValues: rec_'s values by value id
  std::uint32_t generation_ = 0;             // kValues: the stamp of this screening
  // kValues: the model's program ran, and every compiled node's value is in
  // the tables (t_->conditions.data(), t_->numbers.data()); null otherwise.
  Tri* conditions_ = nullptr;
  NumValue* numbers_ = nullptr;
  // Stored with each recorded value: 0 for kValues; for kFull evaluated,
  // plus reached and examined unless inside an operand after a deciding one.
  mutable std::uint8_t flags_ = 0;
};

}  // namespace candidacy::internal
