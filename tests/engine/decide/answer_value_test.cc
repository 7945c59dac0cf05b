// Answers and medication entries as the result reports them
// (decide/answer_value.h): a medication entry from its match (a table on the
// shipped lexicon), and the decimals a derived value prints with.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "decide/answer_value.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

using V = std::vector<std::string>;

TEST_CASE("answer value: a medication entry from its lexicon match", "[answer-value]") {
  struct Row {
    std::string text;
    bool recognized;
    V generics, probable_names, probable_generics;
  };
  const Row row = GENERATE(values<Row>({
      {"Xanax 1 mg", true, {"alprazolam"}, {}, {}},
      {"Norco 10/325", true, {"hydrocodone", "acetaminophen"}, {}, {}},
      {"Adderal 10 mg", false, {"amphetamine", "dextroamphetamine"}, {"Adderall"}, {"amphetamine", "dextroamphetamine"}},
      {"lisinopril 10mg + Xanex", true, {"alprazolam", "lisinopril"}, {"Xanax"}, {"alprazolam"}},
      {"Zorblaxine 1 mg", false, {}, {}, {}},
  }));
  CAPTURE(row.text);
  const auto& lexicon = internal::ModelOf(Shipped()).lexicon;
  const auto entry = internal::MedicationEntryOf(lexicon, row.text, lexicon.Match(row.text, true));
  CHECK(entry.text == row.text);
  CHECK(entry.recognized == row.recognized);
  CHECK(entry.generics == row.generics);
  CHECK(entry.probable_names == row.probable_names);
  CHECK(entry.probable_generics == row.probable_generics);
  CHECK(entry.classes.empty() == row.generics.empty());
}

TEST_CASE("answer value: a derived value prints with the decimals of its outermost round()", "[answer-value]") {
  const auto& model = internal::ModelOf(Shipped());
  REQUIRE_FALSE(model.derived.empty());
  CHECK(model.derived[0].id == "bmi");
  CHECK(internal::DerivedDigits(model.derived[0]) == 1);
}

}  // namespace
}  // namespace candidacy::testing
