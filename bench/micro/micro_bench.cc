// Micro-benchmarks (Google Benchmark) of the screening path's parts: loading
// the rulebook, matching one medication entry, reading one questionnaire,
// screening one parsed questionnaire, rendering one result. Built with
// -DCANDIDACY_BUILD_BENCH=ON; bench/run runs them and puts the table in
// bench/RESULTS.md. CANDIDACY_BENCH_RULEBOOK picks the rulebook (default: the
// shipped one); the questionnaire is samples/08-review-polypharmacy.yaml.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "candidacy/rulebook.h"
#include "candidacy/screening.h"
#include "rulebook/model.h"
#include "rulebook/rulebook_access.h"

namespace {

std::string RulebookDir() {
  const char* env = std::getenv("CANDIDACY_BENCH_RULEBOOK");
  return env != nullptr ? env : CANDIDACY_SOURCE_DIR "/rules/ketamine";
}

std::shared_ptr<const candidacy::Rulebook> LoadOrDie(const std::string& dir) {
  std::shared_ptr<const candidacy::Rulebook> rulebook;
  std::vector<candidacy::Diagnostic> diagnostics;
  if (!candidacy::Rulebook::Load(dir, &rulebook, &diagnostics).ok()) throw std::runtime_error("cannot load " + dir);
  return rulebook;
}

const candidacy::Rulebook& Shared() {
  static const auto rulebook = LoadOrDie(RulebookDir());
  return *rulebook;
}

std::string SampleText() {
  std::ifstream in(CANDIDACY_SOURCE_DIR "/samples/08-review-polypharmacy.yaml");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// One NDJSON line as the benchmark generator writes it.
const char* kJsonLine =
    R"({"id":"q1-0000001","patient":{"age":43,"sex":"male","weight_kg":88.4,"height_cm":185},"vitals":{"systolic_bp":114,"diastolic_bp":74,"heart_rate":76,"spo2":97},"indications":["fibromyalgia"],"pain":{"average_score":7},"history":{"psychosis":false,"bipolar":false,"substance_use":"none","ketamine_misuse":false,"unstable_angina":false,"heart_failure":"none","arrhythmia":false,"uncontrolled_hypertension":true,"aneurysm_or_avm":false,"intracerebral_hemorrhage":false,"raised_intracranial_pressure":false,"glaucoma":false,"liver_disease":"none","hyperthyroidism":false,"seizure_disorder":false,"sleep_apnea":false,"interstitial_cystitis":false,"porphyria":false,"ketamine_allergy":false,"cognitive_impairment":false},"medications":["clarithromycin 5 mg as needed","Sarafem 50 mg as needed"],"logistics":{"escort_available":true,"agrees_no_driving":true}})";

candidacy::Questionnaire Parsed(const std::string& text, candidacy::InputFormat format) {
  candidacy::Questionnaire q;
  std::vector<candidacy::Diagnostic> diagnostics;
  candidacy::ReadOptions options;
  options.format = format;
  if (!candidacy::ReadQuestionnaire(Shared(), text, options, &q, &diagnostics).ok()) throw std::runtime_error("bad sample");
  return q;
}

void BM_RulebookLoad(benchmark::State& state) {
  const std::string dir = RulebookDir();
  for (auto _ : state) benchmark::DoNotOptimize(LoadOrDie(dir));
}
BENCHMARK(BM_RulebookLoad)->Unit(benchmark::kMillisecond);

void BM_MedicationMatch(benchmark::State& state) {
  const auto& lexicon = candidacy::internal::ModelOf(Shared()).lexicon;
  const std::vector<std::string> entries = {"Xanax 0.5 mg at night", "sertraline 50mg daily", "Norco 5/325 prn",
                                            "Xanex 1 mg", "levothyroxine 75 mcg", "vitamin D 1000 IU"};
  size_t i = 0, recognised = 0;
  for (auto _ : state) {
    recognised += lexicon.Match(entries[i]).recognized ? 1 : 0;
    i = (i + 1) % entries.size();
  }
  benchmark::DoNotOptimize(recognised);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MedicationMatch);

void BM_ReadQuestionnaireJson(benchmark::State& state) {
  const std::string line = kJsonLine;
  for (auto _ : state) benchmark::DoNotOptimize(Parsed(line, candidacy::InputFormat::kJson));
}
BENCHMARK(BM_ReadQuestionnaireJson);

void BM_ScreenParsed(benchmark::State& state) {
  const auto q = Parsed(SampleText(), candidacy::InputFormat::kYaml);
  for (auto _ : state) benchmark::DoNotOptimize(candidacy::Screen(Shared(), q));
}
BENCHMARK(BM_ScreenParsed);

void BM_ScreenParsedBenchLine(benchmark::State& state) {
  const auto q = Parsed(kJsonLine, candidacy::InputFormat::kJson);
  for (auto _ : state) benchmark::DoNotOptimize(candidacy::Screen(Shared(), q));
}
BENCHMARK(BM_ScreenParsedBenchLine);

void BM_RenderJson(benchmark::State& state) {
  const auto result = candidacy::Screen(Shared(), Parsed(SampleText(), candidacy::InputFormat::kYaml));
  for (auto _ : state) benchmark::DoNotOptimize(candidacy::RenderJson(result, false));
}
BENCHMARK(BM_RenderJson);

void BM_RenderJsonCompact(benchmark::State& state) {
  const auto result = candidacy::Screen(Shared(), Parsed(SampleText(), candidacy::InputFormat::kYaml));
  for (auto _ : state) benchmark::DoNotOptimize(candidacy::RenderJsonCompact(result));
}
BENCHMARK(BM_RenderJsonCompact);

void BM_RenderText(benchmark::State& state) {
  const auto result = candidacy::Screen(Shared(), Parsed(SampleText(), candidacy::InputFormat::kYaml));
  for (auto _ : state) benchmark::DoNotOptimize(candidacy::RenderText(result));
}
BENCHMARK(BM_RenderText);

}  // namespace

BENCHMARK_MAIN();
