// A rule's explanation as text (render/render_explanation.cc): the exact
// text for a rule that fired, one undecided, one not evaluated, one not fired.
#include <string>

#include <catch2/catch.hpp>

#include "candidacy/explain.h"
#include "candidacy/render_explanation.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

// The rendered text with the source tree's path cut to "RB".
std::string Rendered(const Explanation& e) {
  std::string text = RenderExplanation(e);
  const std::string dir = SourceDir() + "/rules/ketamine";
  for (size_t pos; (pos = text.find(dir)) != std::string::npos;) text.replace(pos, dir.size(), "RB");
  return text;
}


TEST_CASE("explain: the rendered text", "[explain]") {
  Explanation e;
  REQUIRE(ExplainRule(Shipped(), ReadBase({{"vitals.systolic_bp", "150"}}), "RV-01", &e).ok());
  CHECK(Rendered(e) ==
        "RV-01  Blood pressure 140-180 systolic or 90-100 diastolic (review, 3 points): FIRED\n"
        "when: (vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100)\n"
        "  (RB/rules/review.yaml:12:11)\n"
        "\n"
        "  (vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180) or (vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100)  true\n"
        "    vitals.systolic_bp >= 140 and vitals.systolic_bp <= 180                 true   <- decides\n"
        "      vitals.systolic_bp >= 140                                             true\n"
        "          vitals.systolic_bp = 150 mmHg\n"
        "      vitals.systolic_bp <= 180                                             true\n"
        "          vitals.systolic_bp = 150 mmHg\n"
        "    vitals.diastolic_bp >= 90 and vitals.diastolic_bp <= 100                false\n"
        "      vitals.diastolic_bp >= 90                                             false   <- decides\n"
        "          vitals.diastolic_bp = 78 mmHg\n"
        "      vitals.diastolic_bp <= 100                                            not evaluated\n"
        "          vitals.diastolic_bp = 78 mmHg\n"
        "\n"
        "Message: BP 150/78 mmHg: systolic 140-180 mmHg or diastolic 90-100 mmHg\n");

  REQUIRE(ExplainRule(Shipped(), ReadBase({{"vitals.systolic_bp", kDrop}}), "EX-06", &e).ok());
  CHECK(Rendered(e) ==
        "EX-06  Blood pressure above 180/100 mmHg at intake (exclude): UNDECIDED\n"
        "when: vitals.systolic_bp > 180 or vitals.diastolic_bp > 100\n"
        "  (RB/rules/exclusions.yaml:65:11)\n"
        "\n"
        "  vitals.systolic_bp > 180 or vitals.diastolic_bp > 100  unknown\n"
        "    vitals.systolic_bp > 180                             unknown\n"
        "        vitals.systolic_bp = unanswered\n"
        "    vitals.diastolic_bp > 100                            false\n"
        "        vitals.diastolic_bp = 78 mmHg\n"
        "\n"
        "Undecided until answered: vitals.systolic_bp\n");

  REQUIRE(ExplainRule(Shipped(), ReadBase({{"vitals.spo2", kDrop}}), "RV-03", &e).ok());
  CHECK(Rendered(e) ==
        "RV-03  Oxygen saturation below 94% (review, 3 points): NOT EVALUATED\n"
        "when: vitals.spo2 < 94\n"
        "  (RB/rules/review.yaml:35:11)\n"
        "\n"
        "  vitals.spo2 < 94  unknown\n"
        "      vitals.spo2 = unanswered\n"
        "\n"
        "Not evaluated; optional answers missing: vitals.spo2\n");

  REQUIRE(ExplainRule(Shipped(), ReadBase({{"medications", "[Ativan 1 mg]"}}), "IX-06", &e).ok());
  CHECK(Rendered(e) ==
        "IX-06  Benzodiazepine together with an opioid (review, 3 points): NOT FIRED\n"
        "when: any medication in class 'benzodiazepine' and any medication in class 'opioid'\n"
        "  (RB/rules/interactions.yaml:66:11)\n"
        "\n"
        "  any medication in class 'benzodiazepine' and any medication in class 'opioid'  false\n"
        "    any medication in class 'benzodiazepine'                                true\n"
        "        medications in class benzodiazepine: Ativan 1 mg\n"
        "    any medication in class 'opioid'                                        false   <- decides\n"
        "        medications in class opioid: none\n");
}

}  // namespace
}  // namespace candidacy::testing
