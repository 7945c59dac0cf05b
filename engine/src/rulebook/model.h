// The checked rulebook as the engine holds it: questions, derived values,
// sources, rules with parsed expressions, the lexicon and the outcome policy.
// Built by the loader (loader*.cc) and the image reader (image_reader.cc). Tested by tests/engine/rulebook/loader_test.cc.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "base/field_index.h"
#include "candidacy/result.h"
#include "candidacy/status.h"
#include "expr/ast.h"
#include "expr/program.h"
#include "lexicon/lexicon.h"
#include "rulebook/ehr_mapping.h"

namespace candidacy::internal {

enum class QuestionType { kInteger, kNumber, kBoolean, kEnum, kEnumList, kTextList };
const char* QuestionTypeName(QuestionType type);
ValueType ValueTypeOf(QuestionType type);

struct Question {
  std::string id;
  QuestionType type = QuestionType::kBoolean;
  std::string unit;
  std::string prompt;
  bool required = false;
  bool for_the_record = false;         // asked for the chart; no rule needs to read it
  bool has_range = false;
  double min = 0, max = 0;
  std::vector<std::string> values;     // enum, list_of_enum
  Expression asked_when;               // root null: always asked
  // A boolean question read as true when it is unanswered and this other
  // question is answered (implied_by: a months-since question implies the
  // "ever" one of a questionnaire written before the latter existed); -1: none.
  int implied_by = -1;
  SourceLocation where;
};

struct Derived {
  std::string id;
  std::string unit;
  std::string description;
  Expression expr;  // number-typed
  SourceLocation where;
};

struct Source {
  std::string label;
  std::string citation;
  std::string url;
};

// A message template split into literal text and placeholders.
struct MessagePart {
  enum class Kind { kText, kQuestion, kDerived, kClass } kind = Kind::kText;
  std::string text;  // kText
  int index = -1;    // question, derived or class index
};

struct Rule {
  std::string id;
  std::string title;
  Severity severity = Severity::kInfo;
  int points = 0;
  Expression when;
  std::vector<MessagePart> message;
  std::string action;
  std::vector<int> sources;  // indices into Model::sources
  bool local_policy = false;
  bool urgent = false;  // when it fires the screening is urgent (ScreeningResult::urgent)
  std::string reviewed_by;
  std::string reviewed_on;
  SourceLocation where;       // the rule's mapping
  SourceLocation when_where;  // its `when` text
  // The conditions at the leaves of `when` (comparisons, membership tests,
  // class tests, boolean questions) with their places, for coverage.
  std::vector<std::pair<const Node*, SourceLocation>> conditions;
};

struct Band {
  std::string name;
  int from = 0;
  bool needs_review = false;
  SourceLocation where;
};

// A name as written in a rule file: where a question, derived value,
// medication class or rule is declared (its id) or used (in an expression).
// Recorded by the loader for the authors' tools (candidacy/rulebook_symbols.h);
// a model read from a compiled image has none.
enum class NameKind { kQuestion, kDerived, kClass, kRule };
struct NamePlace {
  NameKind kind = NameKind::kQuestion;
  int index = -1;  // into questions, derived, lexicon classes or rules
  bool declaration = false;
  SourceLocation where;  // the name's first character
  int length = 0;        // its bytes
};

struct Model {
  std::string id, title, version, effective;
  std::string reviewed_by, reviewed_on;
  int review_period_months = 0;
  SourceLocation where;  // the rulebook metadata mapping
  std::string directory;
  std::string sha256;
  std::vector<std::string> files;  // relative paths hashed into sha256, in that order; rulebook.yaml first

  std::vector<Band> bands;  // ascending `from`, first from 0
  bool unrecognized_needs_review = true;
  bool probable_medications = false;  // policy probable_medication_matches (default off: a rulebook written before them screens as it did)

  std::vector<Source> sources;
  std::vector<Question> questions;
  std::vector<Derived> derived;
  std::vector<Rule> rules;
  Lexicon lexicon;
  EhrMapping ehr;  // fhir/*.yaml (ehr_mapping.h); loaded apart from the rule files and their image

  std::unordered_map<std::string, int> question_index;
  std::unordered_map<std::string, int> groups;  // dotted prefixes of question ids ("patient", "history") -> 0, 1, ...; IndexQuestions
  FieldIndex fields;  // the same names as a tree of (group, key); IndexQuestions
  std::unordered_map<std::string, int> derived_index;
  std::unordered_map<std::string, int> source_index;
  int medications_question = -1;  // the list_of_text question the lexicon reads
  std::vector<int> implied;       // the questions with implied_by, in rulebook order
  int node_count = 0;             // the expression nodes, numbered 0.. by NumberNodes
  int value_count = 0;            // their value ids (Node::value_id), 0.. below it, by NumberNodes (<= node_count)
  std::vector<const Node*> conditions;  // the rules' distinct conditions (by value id), in order of first use; NumberNodes
  std::vector<int> rule_condition;      // by rule: its condition's index in `conditions`; NumberNodes
  std::vector<int> rule_value;          // by rule: its condition's value id (Node::value_id); NumberNodes
  Program program;                      // the asked_when conditions, derived values and rules' conditions as flat steps; NumberNodes
  std::vector<int> required_questions;  // the questions with required: true, in rulebook order; IndexQuestions
  std::vector<int> conditional_questions;  // the questions with an asked_when, in rulebook order; IndexQuestions
  std::vector<int> list_questions;  // the list_of_enum and list_of_text questions, in rulebook order; IndexQuestions
  std::vector<NamePlace> names;   // declarations and uses, in load order (not in the image)
};

// Fills model->groups and model->fields from the question ids, and the lists
// of required, of conditional and of list questions (every Rulebook does, however
// loaded).
void IndexQuestions(Model* model);

// Numbers every expression node (Node::id) of the asked_when conditions,
// derived values and rules, and sets node_count (every Rulebook does, however
// loaded: an EvalRecorder indexes its values by node id); gives them value
// ids (Node::value_id, equal for the rules' equal sub-expressions:
// expr/value_ids.h) and sets value_count; lists the rules' distinct
// conditions (conditions, rule_condition, rule_value); compiles them all into
// `program` (expr/program.h).
void NumberNodes(Model* model);

}  // namespace candidacy::internal
