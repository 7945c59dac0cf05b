// engine/src/base/field_index: a field's key under its group resolves as its whole
// dotted path would, dotted keys walked one segment at a time.
#include <catch2/catch.hpp>

#include <unordered_map>
#include <string>
#include <vector>

#include "base/field_index.h"

namespace {

struct Q {
  std::string id;
};

// Questions with nested groups, a question that is also a group's name
// ("x" and "x.y"), and names that share their first and last eight bytes.
const std::vector<Q> kQuestions = {{"patient.age"},        {"patient.sex"},          {"vitals.spo2"},
                                   {"history.cardiac.mi"}, {"history.cardiac.chf"},  {"history.seizures"},
                                   {"x"},                  {"x.y"},                  {"abcdefgh_1_ijklmnop"},
                                   {"abcdefgh_2_ijklmnop"}, {"medications"}};

candidacy::internal::FieldIndex Built(std::unordered_map<std::string, int>* groups) {
  candidacy::internal::FieldIndex index;
  index.Build(kQuestions, groups);
  return index;
}

}  // namespace

TEST_CASE("field index: every key resolves as its whole dotted path", "[field_index]") {
  using candidacy::internal::FieldIndex;
  std::unordered_map<std::string, int> groups;
  const FieldIndex index = Built(&groups);
  // The groups, numbered as first met (Model::groups).
  CHECK(groups == std::unordered_map<std::string, int>{{"patient", 0}, {"vitals", 1}, {"history", 2}, {"history.cardiac", 3}, {"x", 4}});
  struct Row {
    std::string parent;  // "" for the root, else a group's dotted name
    std::string key;
    int question;        // index into kQuestions, or -1
    std::string group;   // the group it names, or ""
  };
  const auto row = GENERATE(values<Row>({
      {"", "patient", -1, "patient"},
      {"patient", "age", 0, ""},
      {"", "patient.age", 0, ""},
      {"patient", "sex", 1, ""},
      {"", "vitals.spo2", 2, ""},
      {"", "history", -1, "history"},
      {"history", "cardiac", -1, "history.cardiac"},
      {"history", "cardiac.chf", 4, ""},
      {"", "history.cardiac", -1, "history.cardiac"},
      {"history.cardiac", "mi", 3, ""},
      {"", "history.cardiac.mi", 3, ""},
      {"history", "seizures", 5, ""},
      {"", "x", 6, "x"},  // a question and a group: the question wins as a whole path
      {"x", "y", 7, ""},
      {"", "x.y", 7, ""},
      {"", "abcdefgh_1_ijklmnop", 8, ""},
      {"", "abcdefgh_2_ijklmnop", 9, ""},
      {"", "medications", 10, ""},
  }));
  const int parent = row.parent.empty() ? FieldIndex::kRoot : groups.at(row.parent);
  const FieldIndex::Target t = index.Resolve(parent, row.key);
  INFO(row.parent << " / " << row.key);
  CHECK(t.found());
  CHECK(t.question == row.question);
  CHECK(t.group == (row.group.empty() ? -1 : groups.at(row.group)));
}

TEST_CASE("field index: keys that name nothing resolve to nothing", "[field_index]") {
  using candidacy::internal::FieldIndex;
  std::unordered_map<std::string, int> groups;
  const FieldIndex index = Built(&groups);
  struct Row {
    std::string parent;
    std::string key;
  };
  const auto row = GENERATE(values<Row>({
      {"", ""},
      {"", "age"},                  // a question's last segment, at the wrong level
      {"", "Patient"},              // case matters
      {"", "patient."},             // an empty segment
      {"", ".patient"},
      {"", "patient..age"},
      {"", "patient.age.years"},    // below a question
      {"", "patient.age."},
      {"patient", "patient.age"},   // the group's name again
      {"patient", "spo2"},          // another group's question
      {"history", "mi"},
      {"", "history.cardiac.mi.x"},
      {"", "abcdefgh_3_ijklmnop"},  // same first and last eight bytes as two names
      {"", "abcdefgh_1_ijklmnopq"},
      {"", "medication"},
      {"", std::string("patient\0age", 11)},
      {"x.y", "y"},
  }));
  const int parent = row.parent.empty() ? FieldIndex::kRoot : (groups.count(row.parent) ? groups.at(row.parent) : 999);
  INFO(row.parent << " / " << row.key);
  CHECK_FALSE(index.Resolve(parent, row.key).found());
}

TEST_CASE("field index: an index built from no questions finds nothing", "[field_index]") {
  candidacy::internal::FieldIndex empty;
  CHECK_FALSE(empty.Resolve(candidacy::internal::FieldIndex::kRoot, "patient").found());
  std::unordered_map<std::string, int> groups = {{"stale", 0}};
  empty.Build(std::vector<Q>{}, &groups);
  CHECK(groups.empty());
  CHECK_FALSE(empty.Resolve(candidacy::internal::FieldIndex::kRoot, "patient").found());
}

TEST_CASE("field index: a key of any length is told apart from one that differs in a single byte", "[field_index]") {
  // A bucket compares a key of up to 16 bytes as two overlapping words, and a
  // longer one in full: every byte must count, at every length.
  using candidacy::internal::FieldIndex;
  std::vector<Q> questions;
  for (size_t n = 1; n <= 24; ++n) questions.push_back({std::string(n, 'a')});
  std::unordered_map<std::string, int> groups;
  FieldIndex index;
  index.Build(questions, &groups);
  const size_t n = GENERATE(range<size_t>(1, 25));
  const std::string key(n, 'a');
  CHECK(index.Resolve(FieldIndex::kRoot, key).question == static_cast<int>(n - 1));
  for (size_t i = 0; i < n; ++i) {
    std::string near = key;
    near[i] = 'b';
    INFO("length " << n << ", byte " << i);
    CHECK_FALSE(index.Resolve(FieldIndex::kRoot, near).found());
  }
  CHECK_FALSE(index.Resolve(FieldIndex::kRoot, key + "b").found());
  CHECK_FALSE(index.Resolve(0, key).found());  // the same key under another parent
}
