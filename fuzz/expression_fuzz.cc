// libFuzzer target: the expression parser and type checker, with every name
// of the shipped rulebook in scope (questions, derived values, classes). An
// expression that parses dumps; one that type-checks as a condition is then
// evaluated over a complete clean questionnaire and over an empty one.
#include <cstdlib>
#include <string>

#include "candidacy/questionnaire.h"
#include "decide/evaluator.h"
#include "expr/dump.h"
#include "expr/parser.h"
#include "fuzz_support.h"
#include "input/answers.h"
#include "input/questionnaire_access.h"
#include "rulebook/rulebook_access.h"
#include "rulebook/type_check.h"

namespace {

using namespace candidacy;

const Questionnaire& Read(const char* text) {
  auto* q = new Questionnaire;  // lives for the whole run
  std::vector<Diagnostic> diagnostics;
  if (!ReadQuestionnaire(fuzz::ShippedRulebook(), text, ReadOptions{}, q, &diagnostics).ok()) std::abort();
  return *q;
}

const Questionnaire& Complete() {
  static const Questionnaire& q = Read(R"(id: fuzz-complete
patient: {age: 40, sex: female, pregnant: false, breastfeeding: false, weight_kg: 70, height_cm: 170}
vitals: {systolic_bp: 120, diastolic_bp: 78, heart_rate: 72, spo2: 98}
indications: [treatment_resistant_depression]
depression: {failed_antidepressant_trials: 3, suicidal_ideation: none}
medications: [Sertraline 50 mg, lorazepam 1mg prn]
)");
  return q;
}

const Questionnaire& Empty() {
  static const Questionnaire& q = Read("id: fuzz-empty\n");
  return q;
}

// `root` numbered from the model's node count on, below `node_count`. The
// decision is the same with no recorder, a values recorder and a full one
// (which evaluates every operand of and/or).
void Evaluate(const internal::Model& model, const Questionnaire& q, const internal::Node& root, int node_count) {
  std::vector<internal::MedicationMatch> meds;
  if (model.medications_question >= 0)
    for (const auto& text : candidacy::internal::AnswersOf(q).by_question[model.medications_question].texts)
      meds.push_back(model.lexicon.Match(text));
  const internal::Tri plain = internal::Evaluator(model, candidacy::internal::AnswersOf(q), meds).Eval(root);
  internal::EvalRecorder values, full;
  values.Start(node_count, internal::EvalRecorder::Mode::kValues);
  full.Start(node_count, internal::EvalRecorder::Mode::kFull);
  internal::Evaluator by_values(model, candidacy::internal::AnswersOf(q), meds, nullptr, &values);
  internal::Evaluator evaluator(model, candidacy::internal::AnswersOf(q), meds, nullptr, &full);
  const internal::Tri t = evaluator.Eval(root);
  if (t != plain || by_values.Eval(root) != plain) std::abort();
  std::vector<int> missing;
  std::vector<internal::Read> reads;
  if (t == internal::Tri::kUnknown) {
    evaluator.CollectMissing(root, &missing);
    by_values.CollectMissing(root, &missing);
  } else {
    full.CollectReads(root, &reads);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const internal::Model& model = candidacy::internal::ModelOf(fuzz::ShippedRulebook());
  internal::Expression expr;
  internal::ParseError perr;
  if (!internal::ParseExpression(fuzz::AsText(data, size), &expr, &perr)) {
    if (perr.offset < 0 || static_cast<std::size_t>(perr.offset) > expr.text.size() || perr.message.empty()) std::abort();
    return 0;
  }
  if (!expr.root) std::abort();
  (void)internal::DumpExpression(*expr.root);
  internal::Scope scope;
  scope.model = &model;
  scope.visible_questions = static_cast<int>(model.questions.size());
  scope.visible_derived = static_cast<int>(model.derived.size());
  std::vector<internal::TypeError> errors;
  const bool boolean = internal::TypeCheck(&expr, scope, internal::ValueType::kBoolean, &errors);
  for (const auto& e : errors)
    if (e.offset < 0 || static_cast<std::size_t>(e.offset) > expr.text.size() || e.message.empty()) std::abort();
  if (boolean != errors.empty()) std::abort();
  if (boolean) {
    const int node_count = internal::NumberNodes(expr.root.get(), model.node_count);
    Evaluate(model, Complete(), *expr.root, node_count);
    Evaluate(model, Empty(), *expr.root, node_count);
  }
  return 0;
}
