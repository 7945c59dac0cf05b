// Rulebook loader, metadata, policy and sources. Test: tests/engine/rulebook/loader_test.cc.
#include "rulebook/loader_internal.h"

namespace candidacy::internal {

void RulebookLoader::LoadMeta(YamlFile* f, const YAML::Node& meta) {
  if (!CheckFields(f, meta, Mapping::kMetadata))
    return;
  Model& m = *model_;
  m.where = f->Where(meta);
  f->GetString(meta, "id", &m.id);
  f->GetString(meta, "title", &m.title);
  f->GetString(meta, "version", &m.version);
  f->GetString(meta, "effective", &m.effective);
  f->GetString(meta, "reviewed_by", &m.reviewed_by);
  f->GetString(meta, "reviewed_on", &m.reviewed_on);
  f->GetInt(meta, "review_period_months", 1, 120, &m.review_period_months);
  if (!IsPlainId(m.id)) f->Error(Msg::kRulebookIdLettersDigits, meta["id"], m.id);
  if (!IsDate(m.effective)) f->Error(Msg::kEffectiveDateWrittenYYYY, meta["effective"]);
  if (meta["reviewed_on"].IsDefined() && !IsDate(m.reviewed_on))
    f->Error(Msg::kReviewedDateWrittenYYYY, meta["reviewed_on"]);
}

void RulebookLoader::LoadPolicy(YamlFile* f, const YAML::Node& policy) {
  Model& m = *model_;
  m.bands = {{"low", 0, false, {}}, {"moderate", 5, true, {}}, {"high", 10, true, {}}};  // the contract's default
  if (!policy.IsDefined()) return;
  if (!CheckFields(f, policy, Mapping::kPolicy)) return;
  f->GetBool(policy, "probable_medication_matches", &m.probable_medications);
  std::string unrecognized = "needs_review";
  f->GetString(policy, "unrecognized_medication", &unrecognized);
  if (unrecognized == "needs_review") {
    m.unrecognized_needs_review = true;
  } else if (unrecognized == "report") {
    m.unrecognized_needs_review = false;
  } else {
    f->Error(Msg::kUnrecognizedMedicationNeedsReview, policy["unrecognized_medication"], unrecognized);
  }
  YAML::Node bands;
  if (!policy["bands"].IsDefined() || !f->GetSequence(policy, "bands", &bands)) return;
  m.bands.clear();
  for (const auto& b : bands) {
    if (!CheckFields(f, b, Mapping::kBand)) continue;
    Band band;
    band.where = f->Where(b);
    f->GetString(b, "name", &band.name);
    f->GetInt(b, "from", 0, 100000, &band.from);
    std::string outcome;
    f->GetString(b, "outcome", &outcome);
    if (!outcome.empty() && outcome != "needs_review")
      f->Error(Msg::kBandSOutcomeCan, b["outcome"]);
    band.needs_review = outcome == "needs_review";
    if (m.bands.empty() && band.from != 0) f->Error(Msg::kFirstBandStartFrom, b["from"]);
    if (!m.bands.empty() && band.from <= m.bands.back().from)
      f->Error(Msg::kBandsListedRisingFrom, b["from"], std::to_string(band.from), std::to_string(m.bands.back().from));
    m.bands.push_back(std::move(band));
  }
  if (m.bands.empty()) f->Error(Msg::kListLeastOneBand, policy["bands"]);
}

void RulebookLoader::LoadSources(YamlFile* f, const YAML::Node& sources) {
  if (!sources.IsSequence()) {
    f->Error(Msg::kSourcesListLabelCitation, sources);
    return;
  }
  for (const auto& s : sources) {
    if (!CheckFields(f, s, Mapping::kSource)) continue;
    Source src;
    f->GetString(s, "label", &src.label);
    f->GetString(s, "citation", &src.citation);
    f->GetString(s, "url", &src.url);
    if (!IsPlainId(src.label)) {
      f->Error(Msg::kSourceLabelLettersDigits, s["label"]);
      continue;
    }
    if (!src.url.empty() && src.url.rfind("https://", 0) != 0 && src.url.rfind("http://", 0) != 0)
      f->Error(Msg::kSourceUrlStartWith, s["url"]);
    if (!model_->source_index.emplace(src.label, static_cast<int>(model_->sources.size())).second) {
      f->Error(Msg::kSourceDeclaredTwice, s["label"], src.label);
      continue;
    }
    model_->sources.push_back(std::move(src));
    source_nodes_.push_back(s);
  }
}

}  // namespace candidacy::internal
