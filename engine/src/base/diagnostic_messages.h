// The diagnostic message texts: ids (Msg), and the one table, in
// diagnostic_messages.cc beside the code table of diagnostic.cc, giving each
// id its DiagnosticCode and its fmt-style text ("{}" a placeholder, "{{" and
// "}}" literal braces). Private to the engine. Test: tests/engine/base/diagnostic_messages_test.cc.
#pragma once

#include <cassert>
#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "candidacy/status.h"

namespace candidacy::internal {

// One id per message; the table in diagnostic_messages.cc is in this order.
enum class Msg : int {
  kQuestionnaireMappingFieldsId,
  kAppearsTwiceDocument,
  kQuestionnaireHasNoId,
  kExpectedTextFound,
  kBytesLongLimit,
  kIdEmpty,
  kExpectedMappingAnswersFound,
  kUnknownFieldIgnoredRulebook,
  kNotAnsweredReadYes,
  kAnsweredTwiceDocumentKeep,
  kExpectedFiniteNumberFound,
  kExpectedWholeNumberFound,
  kExpectedNumberFound,
  kOutsideAllowedRange,
  kExpectedTrueFalseFound,
  kExpectedListFound,
  kListsItemsLimit,
  kEmptyRemoveWriteMedication,
  kNotOneAllowedValues,
  kDocumentBytesLimit,
  kFHIRQuestionnaireResponseJSONObject,
  kNotFHIRResourceThere,
  kNotReadOnlyQuestionnaireResponse,
  kQuestionnaireResponseHasNoStatus,
  kStatusExpectedCodeFound,
  kQuestionnaireResponseWasStoppedBefore,
  kStatusEnteredErrorResponse,
  kStatusNotQuestionnaireResponseStatus,
  kIdentifierExpectedOneIdentifier,
  kItemExpectedListItems,
  kItemsNestDeeperThan,
  kExpectedItemMappingWith,
  kItemHasNoLinkId,
  kUnknownFieldIdIgnored,
  kAnswerExpectedListAnswers,
  kGroupQuestionsNotQuestion,
  kHasAnswersQuestionTakes,
  kExpectedAnswerMappingWith,
  kAnswerHasBothGive,
  kAnswerHasNoValue,
  kDoesNotAnswerQuestion,
  kKeyExpectedFound,
  kValueCodingHasNoCode,
  kValueQuantityHasNoValue,
  kQuestionHasNoUnit,
  kValueQuantityHasNoUnit,
  kUnitCodeUCUMSystem,
  kNotTheQuestionsUnit,
  kKeyAppearsTwiceOne,
  kDocumentHasMoreThan,
  kDocumentNestsDeeperThan,
  kNotJSONDocument,
  kDocumentHasMoreThanValues,
  kKeysPlainNames,
  kKeyNotValidUTF,
  kKeyAppearsTwiceOneMapping,
  kUnsupportedYAMLNode,
  kValueTooLong,
  kValueNotValidUTF,
  kDocumentHoldsNULByte,
  kUnexpectedTextNoYAML,
  kFileHoldsYAMLDocuments,
  kCannotParse,
  kCannotUsedHere,
  kUnknownQuestionDerivedValue,
  kNotValueAllowed,
  kMedicationClassesNeedQuestion,
  kUnknownMedicationClass,
  kRulebookNamesNoReviewer,
  kRulebookWasLastReviewed,
  kRuleNamesNo,
  kRuleWasLastReviewed,
  kRuleCanNeverFire,
  kRuleFiresEveryComplete,
  kBandFromReachedNo,
  kMedicationClassHasNo,
  kCannotReadIncludedFile,
  kIncludeListRulebookS,
  kEachIncludeFilePath,
  kIncludePathInsideRulebook,
  kIncludedTwice,
  kMoreThanIncludedFiles,
  kExpressionWrittenText,
  kDerivedValueSType,
  kDerivedIdLowerCase,
  kAlreadyDeclared,
  kClassIdLettersDigits,
  kMedicationClassDeclaredTwice,
  kMedicationNameLettersDigits,
  kMedicationNameListedMore,
  kMoreThanMedicationNames,
  kDrugNeedsLeastOne,
  kDrugDeclaredTwice,
  kPatternNotValidRegular,
  kPatternMatchesEmptyText,
  kIngredientNotGenericListed,
  kCombinationListsTwoMore,
  kMedicationNameDoesNot,
  kEachCommonWordPlain,
  kCommonWordOneWord,
  kCommonWordListedTwice,
  kRulebookIdLettersDigits,
  kEffectiveDateWrittenYYYY,
  kReviewedDateWrittenYYYY,
  kUnrecognizedMedicationNeedsReview,
  kBandSOutcomeCan,
  kFirstBandStartFrom,
  kBandsListedRisingFrom,
  kListLeastOneBand,
  kSourcesListLabelCitation,
  kSourceLabelLettersDigits,
  kSourceUrlStartWith,
  kSourceDeclaredTwice,
  kQuestionIdLowerCase,
  kIdQuestionnaireSOwn,
  kUnknownQuestionTypeExpected,
  kOnlyIntegerNumberQuestions,
  kRangeTwoNumbersMin,
  kRangeSMinAbove,
  kOnlyEnumListEnum,
  kValueListedTwice,
  kQuestionNeedsAllowedValues,
  kMoreThanQuestions,
  kQuestionDeclaredTwice,
  kMedicationsQuestionTypeList,
  kOnlyBooleanQuestionTakes,
  kImpliedNamesNoDeclared,
  kQuestionCannotImpliedItself,
  kRuleIdLettersDigits,
  kRuleDeclaredTwice,
  kSeverityExcludeReviewCaution,
  kOnlyExcludeReviewRule,
  kSourceNotRulebookS,
  kRuleCitesNoSource,
  kMessageText,
  kMoreThanRules,
  kRulebookHasNoRules,
  kQuestionUsedNoRule,
  kSourceCitedNoRule,
  kBasesMapNamesQuestionnaires,
  kBaseNameLettersDigits,
  kBaseDeclaredTwiceFirst,
  kBasePathQuestionnaireFile,
  kCannotReadBaseFile,
  kBaseFileNotValid,
  kBaseFileDoesNot,
  kCaseSNameNot,
  kCaseNamedAlreadyDefined,
  kBaseNameBaseGive,
  kUnknownBase,
  kSetMapQuestionIds,
  kSetTwiceCase,
  kBothSetRemovedCase,
  kUnknownQuestion,
  kExpectChecksNothingGive,
  kNotOutcome,
  kUnknownRule,
  kRuleAlreadyExpectedUnder,
  kNotBandRulebookExpected,
  kFileNestsDeeperThan,
  kExpectedMappingKeysValues,
  kExpectedPlainKey,
  kKeyAppearsTwice,
  kUnknownKey,
  kHasNo,
  kText,
  kTrueFalse,
  kWholeNumber,
  kFrom,
  kListB,
  kEachItemText,
  kListEntriesEachStarting,
  kRulebookRootUnreadable,
  kCannotLoadRulebook,
  kCannotReadTestFile,
  kCannotLoadTests,
  kDidYouMeanSuffix,
  kExpectedOneOfSuffix,
  kDidYouMeanHint,
  kUndeclaredBaseHint,
  kNoSuchQuestionHint,
  kOutcomesHint,
  kNoSuchRuleHint,
  kCount,  // not a message: the number of ids
};

struct MessageEntry {
  Msg id;
  DiagnosticCode code;
  const char* text;
};

// The whole table, in Msg order (kMessageCount entries).
constexpr size_t kMessageCount = static_cast<size_t>(Msg::kCount);
const MessageEntry* MessageTable();

inline const MessageEntry& MessageOf(Msg id) { return MessageTable()[static_cast<size_t>(id)]; }
inline DiagnosticCode CodeOf(Msg id) { return MessageOf(id).code; }

// The number of replacement fields in an fmt text ("{}" or "{name}"; "{{" and
// "}}" are literal braces).
int PlaceholderCount(std::string_view text);

// The text of `id` with its placeholders filled by `args`, in order.
template <typename... Args>
std::string MessageText(Msg id, const Args&... args) {
  const char* text = MessageOf(id).text;
  assert(PlaceholderCount(text) == static_cast<int>(sizeof...(Args)));
  return fmt::format(fmt::runtime(text), args...);
}

}  // namespace candidacy::internal
