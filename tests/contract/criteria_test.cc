// Every criterion of the contract (shared/ketamine-intake.md section 3) at its
// boundary, screened through the shipped rulebook: for each of the 59 rule ids (1.1.0)
// a row just inside (fires), just outside (does not fire) and unanswered
// (undecided, or not evaluated when only an optional answer is missing).
// Boundaries are those of shared/bench/rules.json, so the engine agrees with
// the peers. Each row starts from BaseQuestionnaire(), which fires nothing.
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "candidacy/screening.h"
#include "rulebook/model.h"  // to list the shipped rule ids (tests see engine/src)
#include "rulebook/rulebook_access.h"
#include "test_support.h"

namespace candidacy::testing {
namespace {

constexpr Severity X = Severity::kExclude, R = Severity::kReview, C = Severity::kCaution, I = Severity::kInfo;

// Contract section 3, typed in from the contract (not read from the rulebook):
// severity, points, and the source letters it cites ("L": local policy).
struct Criterion {
  const char* id;
  Severity severity;
  int points;
  const char* sources;
};
const std::vector<Criterion> kContract = {
    {"IND-01", X, 0, ""},   {"IND-02", R, 3, "G"},  {"IND-03", I, 0, "A"},  {"IND-04", I, 0, "BL"},
    {"EX-01", X, 0, "EG"},  {"EX-02", X, 0, "AE"},  {"EX-03", X, 0, "AG"},  {"EX-04", X, 0, "G"},
    {"EX-05", X, 0, "CE"},  {"EX-06", X, 0, "F"},   {"EX-07", X, 0, "C"},   {"EX-08", X, 0, "C"},
    {"EX-09", X, 0, "C"},   {"EX-10", X, 0, "AC"},  {"EX-11", X, 0, "E"},   {"EX-12", X, 0, "AE"},
    {"EX-13", X, 0, "AG"},  {"EX-14", X, 0, "A"},   {"EX-15", X, 0, "G"},  // EX-16 retired in 1.1.0
    {"RV-01", R, 3, "E"},   {"RV-02", R, 2, "L"},   {"RV-03", R, 3, "L"},   {"RV-04", R, 3, "A"},
    {"RV-05", R, 3, "CF"},  {"RV-06", R, 2, "AC"},  {"RV-07", R, 3, "F"},   {"RV-08", R, 2, "C"},
    {"RV-09", R, 2, "L"},   {"RV-10", R, 2, "A"},   {"RV-11", R, 3, "AG"},  {"RV-12", R, 3, "G"},
    {"RV-13", R, 2, "H"},   {"RV-14", R, 3, "C"},   {"RV-15", R, 2, "E"},   {"RV-16", R, 2, "L"},
    {"RV-17", R, 4, "E"},   {"RV-18", R, 10, "E"},  {"RV-19", R, 2, "A"},   {"RV-20", R, 3, "AC"},
    {"RV-21", R, 3, "C"},   {"RV-22", R, 3, "C"},   {"RV-23", R, 3, "C"},   {"RV-24", R, 3, "C"},
    {"IX-01", C, 1, "CI"},  {"IX-02", I, 0, "I"},   {"IX-03", R, 3, "E"},   {"IX-04", C, 2, "CE"},
    {"IX-05", C, 1, "C"},   {"IX-06", R, 3, "C"},   {"IX-07", C, 1, "IJ"},   {"IX-08", I, 0, "J"},
    {"IX-09", C, 1, "K"},   {"IX-10", C, 1, "L"},   {"IX-11", C, 1, "C"},   {"IX-12", C, 1, "E"},
    {"IX-13", C, 1, "CL"},
    {"LG-01", C, 0, "CE"},  {"LG-02", C, 0, "C"},   {"LG-03", C, 0, "E"},
};

const Criterion& ContractOf(const std::string& id) {
  const auto it = std::find_if(kContract.begin(), kContract.end(), [&](const Criterion& c) { return id == c.id; });
  REQUIRE(it != kContract.end());
  return *it;
}

enum class Expect { kFires, kQuiet, kUndecided, kNotEvaluated };
constexpr Expect F = Expect::kFires, Q = Expect::kQuiet, U = Expect::kUndecided, N = Expect::kNotEvaluated;

struct Set {
  const char* path;
  const char* value;  // YAML text, or kDrop
};
struct Row {
  const char* rule;
  const char* what;
  std::vector<Set> sets;
  Expect expect;
  // F: text the message must contain (the actual answer); U / N: the question
  // that must be listed as missing; Q: unused.
  const char* detail;
};

const std::vector<Row> kRows = [] {
  std::vector<Row> rows = {
      // Indication. IND-01 can fire only on an empty list: all 11 values are treated.
      {"IND-01", "no indication listed", {{"indications", "[]"}}, F, "none"},
      {"IND-01", "crps is treated", {{"indications", "[crps]"}}, Q, ""},
      {"IND-01", "indications unanswered", {{"indications", kDrop}}, U, "indications"},
      {"IND-02", "TRD with 1 failed trial", {{"depression.failed_antidepressant_trials", "1"}}, F, "with 1 failed"},
      {"IND-02", "TRD with 2 failed trials", {{"depression.failed_antidepressant_trials", "2"}}, Q, ""},
      {"IND-02", "major depression, 0 trials: not TRD", {{"indications", "[major_depression]"}, {"depression.failed_antidepressant_trials", "0"}}, Q, ""},
      {"IND-02", "trials unanswered", {{"depression.failed_antidepressant_trials", kDrop}}, U, "depression.failed_antidepressant_trials"},
      {"IND-02", "trials explicitly null", {{"depression.failed_antidepressant_trials", "~"}}, U, "depression.failed_antidepressant_trials"},
      {"IND-02", "crps only: trials not asked", {{"indications", "[crps]"}, {"depression", kDrop}}, Q, ""},
      {"IND-03", "fibromyalgia only", {{"indications", "[fibromyalgia]"}, {"depression", kDrop}}, F, "fibromyalgia"},
      {"IND-03", "neuropathic pain with crps", {{"indications", "[neuropathic_pain, crps]"}, {"depression", kDrop}}, Q, ""},
      {"IND-03", "neuropathic pain with depression", {{"indications", "[neuropathic_pain, major_depression]"}}, Q, ""},
      {"IND-03", "indications unanswered", {{"indications", kDrop}}, U, "indications"},
      // Absolute contraindications.
      {"EX-01", "age 17", {{"patient.age", "17"}}, F, "Age 17"},
      {"EX-01", "age 18", {{"patient.age", "18"}}, Q, ""},
      {"EX-01", "age unanswered", {{"patient.age", kDrop}}, U, "patient.age"},
      {"EX-02", "pregnant", {{"patient.pregnant", "true"}}, F, "pregnant"},
      {"EX-02", "not pregnant", {{"patient.pregnant", "false"}}, Q, ""},
      {"EX-02", "male: pregnancy not asked", {{"patient.sex", "male"}, {"patient.pregnant", kDrop}, {"patient.breastfeeding", kDrop}}, Q, ""},
      {"EX-02", "pregnancy unanswered", {{"patient.pregnant", kDrop}}, U, "patient.pregnant"},
      {"EX-02", "intersex, pregnancy unanswered", {{"patient.sex", "intersex"}, {"patient.pregnant", kDrop}}, U, "patient.pregnant"},
      {"EX-02", "sex and pregnancy unanswered", {{"patient.sex", kDrop}, {"patient.pregnant", kDrop}}, U, "patient.sex"},
      {"EX-04", "bipolar with recent mania", {{"history.bipolar", "true"}, {"history.recent_mania", "true"}}, F, "manic"},
      {"EX-04", "bipolar without recent mania", {{"history.bipolar", "true"}, {"history.recent_mania", "false"}}, Q, ""},
      {"EX-04", "not bipolar: mania not asked", {{"history.bipolar", "false"}}, Q, ""},
      {"EX-04", "bipolar, mania unanswered", {{"history.bipolar", "true"}}, U, "history.recent_mania"},
      {"EX-06", "systolic 181", {{"vitals.systolic_bp", "181"}}, F, "181/78"},
      {"EX-06", "systolic 184", {{"vitals.systolic_bp", "184"}}, F, "184"},
      {"EX-06", "diastolic 101", {{"vitals.diastolic_bp", "101"}}, F, "120/101"},
      {"EX-06", "180/100", {{"vitals.systolic_bp", "180"}, {"vitals.diastolic_bp", "100"}}, Q, ""},
      {"EX-06", "systolic unanswered", {{"vitals.systolic_bp", kDrop}}, U, "vitals.systolic_bp"},
      {"EX-06", "systolic unanswered, diastolic 101 decides", {{"vitals.systolic_bp", kDrop}, {"vitals.diastolic_bp", "101"}}, F, "unanswered/101"},
      {"EX-07", "infarction 5 months ago", {{"history.heart_attack", "true"}, {"history.mi_months_ago", "5"}}, F, "5 months"},
      {"EX-07", "infarction 6 months ago", {{"history.heart_attack", "true"}, {"history.mi_months_ago", "6"}}, Q, ""},
      {"EX-07", "never an infarction", {{"history.heart_attack", "false"}}, Q, ""},
      {"EX-07", "heart attack unanswered", {{"history.heart_attack", kDrop}}, U, "history.heart_attack"},
      {"EX-07", "heart attack, months unanswered", {{"history.heart_attack", "true"}}, U, "history.mi_months_ago"},
      {"EX-07", "1.0.0 form: only the months, 5", {{"history.heart_attack", kDrop}, {"history.mi_months_ago", "5"}}, F, "5 months"},
      {"EX-09", "decompensated heart failure", {{"history.heart_failure", "decompensated"}}, F, "Decompensated"},
      {"EX-09", "compensated heart failure", {{"history.heart_failure", "compensated"}}, Q, ""},
      {"EX-09", "heart failure unanswered", {{"history.heart_failure", kDrop}}, U, "history.heart_failure"},
      {"EX-11", "aneurysm", {{"history.aneurysm_or_avm", "true"}}, F, "aneurysm"},
      {"EX-11", "intracerebral hemorrhage", {{"history.intracerebral_hemorrhage", "true"}}, F, "hemorrhage"},
      {"EX-11", "neither", {{"history.aneurysm_or_avm", "false"}}, Q, ""},
      {"EX-11", "aneurysm unanswered", {{"history.aneurysm_or_avm", kDrop}}, U, "history.aneurysm_or_avm"},
      {"EX-11", "aneurysm unanswered, hemorrhage decides", {{"history.aneurysm_or_avm", kDrop}, {"history.intracerebral_hemorrhage", "true"}}, F, "hemorrhage"},
      {"EX-13", "active substance use", {{"history.substance_use", "active"}}, F, "Active substance"},
      {"EX-13", "substance use in remission", {{"history.substance_use", "remission"}}, Q, ""},
      {"EX-13", "substance use unanswered", {{"history.substance_use", kDrop}}, U, "history.substance_use"},
      {"EX-14", "cirrhosis", {{"history.liver_disease", "cirrhosis"}}, F, "Cirrhosis"},
      {"EX-14", "mild liver disease", {{"history.liver_disease", "mild"}}, Q, ""},
      {"EX-14", "liver disease unanswered", {{"history.liver_disease", kDrop}}, U, "history.liver_disease"},
      {"RV-22", "Theo-24 brand", {{"medications", "[Theo-24 300 mg daily]"}}, F, "Theo-24 300 mg daily (theophylline)"},
      {"RV-22", "AMINOPHYLLINE upper case", {{"medications", "[sertraline 50 mg, AMINOPHYLLINE 100mg tds]"}}, F, "AMINOPHYLLINE 100mg tds (aminophylline)"},
      {"RV-22", "no theophylline", {{"medications", "[sertraline 100 mg daily]"}}, Q, ""},
      {"RV-22", "no medications at all", {{"medications", "[]"}}, Q, ""},
      {"RV-22", "medications unanswered", {{"medications", kDrop}}, U, "medications"},
      // Relative contraindications.
      {"RV-01", "systolic 140", {{"vitals.systolic_bp", "140"}}, F, "140/78"},
      {"RV-01", "systolic 180 diastolic 100", {{"vitals.systolic_bp", "180"}, {"vitals.diastolic_bp", "100"}}, F, "180/100"},
      {"RV-01", "diastolic 90", {{"vitals.diastolic_bp", "90"}}, F, "120/90"},
      {"RV-01", "139/89", {{"vitals.systolic_bp", "139"}, {"vitals.diastolic_bp", "89"}}, Q, ""},
      {"RV-01", "181/78 is EX-06 only", {{"vitals.systolic_bp", "181"}}, Q, ""},
      {"RV-01", "120/101 is EX-06 only", {{"vitals.diastolic_bp", "101"}}, Q, ""},
      {"RV-01", "diastolic unanswered", {{"vitals.diastolic_bp", kDrop}}, U, "vitals.diastolic_bp"},
      {"RV-02", "heart rate 101", {{"vitals.heart_rate", "101"}}, F, "101/min"},
      {"RV-02", "heart rate 100", {{"vitals.heart_rate", "100"}}, Q, ""},
      {"RV-02", "heart rate unanswered", {{"vitals.heart_rate", kDrop}}, U, "vitals.heart_rate"},
      {"RV-03", "SpO2 93", {{"vitals.spo2", "93"}}, F, "93%"},
      {"RV-03", "SpO2 94", {{"vitals.spo2", "94"}}, Q, ""},
      {"RV-03", "SpO2 not measured (optional)", {{"vitals.spo2", kDrop}}, N, "vitals.spo2"},
      {"RV-05", "stroke 11 months ago", {{"history.stroke", "true"}, {"history.stroke_months_ago", "11"}}, F, "11 months"},
      {"RV-05", "stroke 12 months ago", {{"history.stroke", "true"}, {"history.stroke_months_ago", "12"}}, Q, ""},
      {"RV-05", "never a stroke", {{"history.stroke", "false"}}, Q, ""},
      {"RV-05", "stroke unanswered", {{"history.stroke", kDrop}}, U, "history.stroke"},
      {"RV-05", "stroke, months unanswered", {{"history.stroke", "true"}}, U, "history.stroke_months_ago"},
      {"RV-05", "1.0.0 form: only the months, 11", {{"history.stroke", kDrop}, {"history.stroke_months_ago", "11"}}, F, "11 months"},
      {"RV-09", "sleep apnea", {{"history.sleep_apnea", "true"}}, F, "Sleep apnea: yes"},
      {"RV-09", "102.4 kg at 160 cm: BMI 40.0", {{"patient.weight_kg", "102.4"}, {"patient.height_cm", "160"}}, F, "BMI 40.0"},
      {"RV-09", "102.3 kg at 160 cm: 39.96 rounds to 40.0", {{"patient.weight_kg", "102.3"}, {"patient.height_cm", "160"}}, F, "BMI 40.0"},
      {"RV-09", "102.2 kg at 160 cm: BMI 39.9", {{"patient.weight_kg", "102.2"}, {"patient.height_cm", "160"}}, Q, ""},
      {"RV-09", "sleep apnea unanswered", {{"history.sleep_apnea", kDrop}}, U, "history.sleep_apnea"},
      {"RV-09", "weight unanswered", {{"patient.weight_kg", kDrop}}, U, "patient.weight_kg"},
      {"RV-09", "weight unanswered, sleep apnea decides", {{"patient.weight_kg", kDrop}, {"history.sleep_apnea", "true"}}, F, "BMI unanswered"},
      {"RV-10", "mild liver disease", {{"history.liver_disease", "mild"}}, F, "liver function"},
      {"RV-10", "cirrhosis is EX-14 only", {{"history.liver_disease", "cirrhosis"}}, Q, ""},
      {"RV-10", "liver disease unanswered", {{"history.liver_disease", kDrop}}, U, "history.liver_disease"},
      {"RV-11", "substance use in remission", {{"history.substance_use", "remission"}}, F, "remission"},
      {"RV-11", "no substance use", {{"history.substance_use", "none"}}, Q, ""},
      {"RV-11", "substance use unanswered", {{"history.substance_use", kDrop}}, U, "history.substance_use"},
      {"RV-12", "bipolar, no recent mania", {{"history.bipolar", "true"}, {"history.recent_mania", "false"}}, F, "Bipolar"},
      {"RV-12", "not bipolar", {{"history.bipolar", "false"}}, Q, ""},
      {"RV-12", "bipolar, mania unanswered", {{"history.bipolar", "true"}}, U, "history.recent_mania"},
      {"RV-12", "bipolar unanswered", {{"history.bipolar", kDrop}}, U, "history.bipolar"},
      {"RV-13", "age 65", {{"patient.age", "65"}}, F, "Age 65"},
      {"RV-13", "age 64", {{"patient.age", "64"}}, Q, ""},
      {"RV-13", "age unanswered", {{"patient.age", kDrop}}, U, "patient.age"},
      {"RV-15", "breastfeeding", {{"patient.breastfeeding", "true"}}, F, "breastfeeding"},
      {"RV-15", "not breastfeeding", {{"patient.breastfeeding", "false"}}, Q, ""},
      {"RV-15", "male: not asked", {{"patient.sex", "male"}, {"patient.pregnant", kDrop}, {"patient.breastfeeding", kDrop}}, Q, ""},
      {"RV-15", "breastfeeding unanswered (optional)", {{"patient.breastfeeding", kDrop}}, N, "patient.breastfeeding"},
      {"RV-16", "15 drinks a week", {{"history.alcohol_drinks_per_week", "15"}}, F, "15 alcoholic"},
      {"RV-16", "14 drinks a week", {{"history.alcohol_drinks_per_week", "14"}}, Q, ""},
      {"RV-16", "drinks unanswered (optional)", {{"history.alcohol_drinks_per_week", kDrop}}, N, "history.alcohol_drinks_per_week"},
      {"RV-17", "active ideation, no plan", {{"depression.suicidal_ideation", "active_no_plan"}}, F, "without a plan"},
      {"RV-17", "passive ideation", {{"depression.suicidal_ideation", "passive"}}, Q, ""},
      {"RV-17", "ideation unanswered", {{"depression.suicidal_ideation", kDrop}}, U, "depression.suicidal_ideation"},
      {"RV-17", "crps only: ideation not asked", {{"indications", "[crps]"}, {"depression", kDrop}}, Q, ""},
      {"RV-18", "active ideation with a plan", {{"depression.suicidal_ideation", "active_with_plan"}}, F, "with a plan"},
      {"RV-18", "active ideation without a plan", {{"depression.suicidal_ideation", "active_no_plan"}}, Q, ""},
      {"RV-18", "ocd, ideation unanswered (asked)", {{"indications", "[ocd]"}, {"depression", kDrop}}, U, "depression.suicidal_ideation"},
      {"RV-19", "compensated heart failure", {{"history.heart_failure", "compensated"}}, F, "Compensated"},
      {"RV-19", "no heart failure", {{"history.heart_failure", "none"}}, Q, ""},
      {"RV-19", "decompensated is EX-09 only", {{"history.heart_failure", "decompensated"}}, Q, ""},
      {"RV-19", "heart failure unanswered", {{"history.heart_failure", kDrop}}, U, "history.heart_failure"},
      {"RV-21", "acute porphyria", {{"history.porphyria", "true"}}, F, "porphyria"},
      {"RV-21", "no porphyria", {{"history.porphyria", "false"}}, Q, ""},
      {"RV-21", "porphyria unanswered (optional)", {{"history.porphyria", kDrop}}, N, "history.porphyria"},
      // Medication interactions: real names as written (brand, generic,
      // combination, upper case, doses and frequencies).
      {"IX-01", "brand upper case with dose", {{"medications", "[XANAX 0.5mg prn]"}}, F, "XANAX 0.5mg prn (alprazolam)"},
      {"IX-01", "generic", {{"medications", "[lorazepam 1 mg at night]"}}, F, "lorazepam 1 mg at night"},
      {"IX-02", "brand", {{"medications", "[Lamictal 100 mg bid]"}}, F, "Lamictal 100 mg bid (lamotrigine)"},
      {"IX-03", "brand", {{"medications", "[Nardil 15 mg tid]"}}, F, "Nardil 15 mg tid (phenelzine)"},
      {"IX-04", "combination", {{"medications", "[Adderall XR 20mg]"}}, F, "Adderall XR 20mg (amphetamine, dextroamphetamine)"},
      {"IX-04", "brand", {{"medications", "[Ritalin 10 mg]"}}, F, "Ritalin 10 mg (methylphenidate)"},
      {"IX-05", "combination", {{"medications", "[Norco 10/325 q6h prn]"}}, F, "Norco 10/325 q6h prn (hydrocodone, acetaminophen)"},
      {"IX-05", "no opioid", {{"medications", "[paracetamol 1 g qds]"}}, Q, ""},
      {"IX-06", "benzodiazepine and opioid", {{"medications", "[XANAX 0.5mg prn, Norco 10/325 q6h prn]"}}, F, "Norco 10/325 q6h prn"},
      {"IX-06", "benzodiazepine only", {{"medications", "[XANAX 0.5mg prn]"}}, Q, ""},
      {"IX-06", "opioid only", {{"medications", "[Norco 10/325 q6h prn]"}}, Q, ""},
      {"IX-07", "generic", {{"medications", "[clarithromycin 500 mg bid]"}}, F, "clarithromycin 500 mg bid"},
      {"IX-07", "nirmatrelvir/ritonavir", {{"medications", "[Paxlovid 300/100 bid]"}}, F, "Paxlovid 300/100 bid (ritonavir, nirmatrelvir)"},
      {"IX-07", "a moderate inhibitor is not", {{"medications", "[diltiazem 120 mg]"}}, Q, ""},
      {"IX-13", "opioid and gabapentin", {{"medications", "[oxycodone 5 mg prn, gabapentin 300 mg tid]"}}, F, "gabapentin 300 mg tid (gabapentin)"},
      {"IX-13", "opioid and pregabalin", {{"medications", "[Norco 10/325, Lyrica 75mg]"}}, F, "Lyrica 75mg (pregabalin)"},
      {"IX-13", "opioid and butalbital", {{"medications", "[tramadol 50 mg, Fioricet]"}}, F, "Fioricet"},
      {"IX-13", "opioid and quetiapine", {{"medications", "[morphine 10 mg, Seroquel 25 mg]"}}, F, "Seroquel 25 mg (quetiapine)"},
      {"IX-13", "gabapentin without an opioid", {{"medications", "[gabapentin 300 mg tid]"}}, Q, ""},
      {"IX-13", "an opioid alone", {{"medications", "[oxycodone 5 mg prn]"}}, Q, ""},
      {"IND-04", "generalized anxiety only", {{"indications", "[generalized_anxiety]"}, {"depression.failed_antidepressant_trials", kDrop}}, F, "generalized_anxiety"},
      {"IND-04", "PTSD with TRD", {{"indications", "[treatment_resistant_depression, ptsd]"}}, Q, ""},
      {"IND-04", "indications unanswered", {{"indications", kDrop}}, U, "indications"},
      {"IX-08", "St John's wort", {{"medications", "[\"St John's wort 300 mg\"]"}}, F, "St John's wort 300 mg"},
      {"IX-09", "naltrexone with TRD", {{"medications", "[naltrexone 50 mg daily]"}}, F, "naltrexone 50 mg daily"},
      {"IX-09", "combination with TRD", {{"medications", "[Contrave 8/90 mg bid]"}}, F, "Contrave 8/90 mg bid (naltrexone, bupropion)"},
      {"IX-09", "naltrexone, crps only", {{"medications", "[naltrexone 50 mg daily]"}, {"indications", "[crps]"}, {"depression", kDrop}}, Q, ""},
      {"IX-09", "naltrexone, indications unanswered", {{"medications", "[naltrexone 50 mg daily]"}, {"indications", kDrop}}, U, "indications"},
      {"IX-10", "generic", {{"medications", "[memantine 10 mg]"}}, F, "memantine 10 mg"},
      {"IX-10", "combination", {{"medications", "[Nuedexta 20/10 mg]"}}, F, "Nuedexta 20/10 mg (dextromethorphan, quinidine)"},
      {"IX-11", "brand", {{"medications", "[Synthroid 75 mcg]"}}, F, "Synthroid 75 mcg (levothyroxine)"},
      {"IX-12", "brand", {{"medications", "[Ambien 10 mg qhs]"}}, F, "Ambien 10 mg qhs (zolpidem)"},
      // Logistics.
      {"LG-01", "no escort", {{"logistics.escort_available", "false"}}, F, "escort"},
      {"LG-01", "escort", {{"logistics.escort_available", "true"}}, Q, ""},
      {"LG-01", "escort unanswered", {{"logistics.escort_available", kDrop}}, U, "logistics.escort_available"},
      {"LG-02", "fasted 5.5 hours", {{"logistics.fasting_hours", "5.5"}}, F, "Fasted 5.5 hours"},
      {"LG-02", "fasted 6 hours", {{"logistics.fasting_hours", "6"}}, Q, ""},
      {"LG-02", "fasting unanswered (optional)", {{"logistics.fasting_hours", kDrop}}, N, "logistics.fasting_hours"},
      {"LG-03", "will drive", {{"logistics.agrees_no_driving", "false"}}, F, "driving"},
      {"LG-03", "agrees not to drive", {{"logistics.agrees_no_driving", "true"}}, Q, ""},
      {"LG-03", "agreement unanswered", {{"logistics.agrees_no_driving", kDrop}}, U, "logistics.agrees_no_driving"},
  };
  // Yes/no history questions: yes fires, no does not, unanswered is undecided.
  const std::pair<const char*, const char*> yes_no[] = {
      {"EX-03", "history.psychosis"}, {"EX-05", "history.ketamine_allergy"}, {"EX-08", "history.unstable_angina"},
      {"EX-10", "history.raised_intracranial_pressure"}, {"EX-12", "history.ketamine_misuse"},
      {"EX-15", "history.cognitive_impairment"}, {"RV-04", "history.arrhythmia"}, {"RV-06", "history.glaucoma"},
      {"RV-07", "history.hyperthyroidism"}, {"RV-08", "history.seizure_disorder"},
      {"RV-14", "history.interstitial_cystitis"}, {"RV-20", "history.uncontrolled_hypertension"},
      {"RV-23", "history.coronary_artery_disease"}, {"RV-24", "history.pheochromocytoma"}};
  for (const auto& [rule, path] : yes_no) {
    rows.push_back({rule, "yes", {{path, "true"}}, F, ""});
    rows.push_back({rule, "no", {{path, "false"}}, Q, ""});
    rows.push_back({rule, "unanswered", {{path, kDrop}}, U, path});
  }
  // Interactions: a quiet list does not fire; no list at all is undecided.
  for (const char* rule : {"IX-01", "IX-02", "IX-03", "IX-04", "IX-05", "IX-06", "IX-07", "IX-08", "IX-09", "IX-10", "IX-11", "IX-12", "IX-13"}) {
    rows.push_back({rule, "sertraline only", {{"medications", "[sertraline 100 mg daily]"}}, Q, ""});
    rows.push_back({rule, "medications unanswered", {{"medications", kDrop}}, U, "medications"});
  }
  return rows;
}();

std::string Build(const std::vector<Set>& sets) {
  std::string yaml = BaseQuestionnaire();
  for (const auto& s : sets) yaml = s.value == kDrop ? Without(yaml, s.path) : WithAnswer(yaml, s.path, s.value);
  return yaml;
}

template <typename T>
const T* Find(const std::vector<T>& items, const std::string& id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

std::vector<std::string> MissingIds(const ScreeningResult& r) {
  std::vector<std::string> ids;
  for (const auto& m : r.missing_questions) ids.push_back(m.id);
  return ids;
}

bool AnyExcludeFired(const ScreeningResult& r) {
  return std::any_of(r.flags.begin(), r.flags.end(), [](const Flag& f) { return f.severity == Severity::kExclude; });
}

// The least severe outcome a fired flag of this severity allows.
Outcome Ceiling(Severity s) {
  switch (s) {
    case Severity::kExclude: return Outcome::kIneligible;
    case Severity::kReview: return Outcome::kNeedsReview;
    case Severity::kCaution: return Outcome::kEligibleWithPrecautions;
    case Severity::kInfo: break;
  }
  return Outcome::kEligible;
}

}  // namespace

TEST_CASE("every contract criterion at its boundary", "[criteria]") {
  const Row& row = kRows[GENERATE(range(size_t{0}, kRows.size()))];
  const Criterion& c = ContractOf(row.rule);
  const std::string yaml = Build(row.sets);
  INFO(row.rule << ": " << row.what << "\n" << yaml);
  const ScreeningResult r = ScreenText(Shipped(), yaml);
  const std::string detail = row.detail;

  switch (row.expect) {
    case Expect::kFires: {
      const Flag* f = Find(r.flags, row.rule);
      REQUIRE(f != nullptr);
      CHECK_FALSE(Has(UndecidedIds(r), row.rule));
      CHECK(f->severity == c.severity);
      CHECK(f->points == c.points);
      CHECK_FALSE(f->title.empty());
      CHECK_FALSE(f->action.empty());
      CHECK_FALSE(f->message.empty());
      CHECK_THAT(f->message, Catch::Contains(detail, Catch::CaseSensitive::No));
      CHECK_FALSE(f->evidence.empty());
      // At least one source, and every one the contract cites (the rulebook may add more).
      REQUIRE_FALSE(f->sources.empty());
      std::set<std::string> labels;
      for (const auto& s : f->sources) labels.insert(s.label);
      for (const char* label = c.sources; *label != '\0'; ++label) CHECK(labels.count(std::string(1, *label)) == 1);
      // (L) in the contract is a local-policy threshold.
      CHECK(f->local_policy == (std::string(c.sources).find('L') != std::string::npos));
      // A fired flag holds the outcome at least at its severity; info never moves it.
      CHECK(static_cast<int>(r.outcome) <= static_cast<int>(Ceiling(c.severity)));
      if (c.severity == Severity::kInfo) CHECK(r.outcome == Outcome::kEligible);
      break;
    }
    case Expect::kQuiet:
      CHECK_FALSE(Has(FlagIds(r), row.rule));
      CHECK_FALSE(Has(UndecidedIds(r), row.rule));
      CHECK_FALSE(Has(NotEvaluatedIds(r), row.rule));
      break;
    case Expect::kUndecided: {
      const UndecidedRule* u = Find(r.undecided, row.rule);
      REQUIRE(u != nullptr);
      CHECK_FALSE(Has(FlagIds(r), row.rule));
      CHECK_FALSE(Has(NotEvaluatedIds(r), row.rule));
      CHECK(u->severity == c.severity);
      CHECK(Has(u->missing, detail));
      // Above info a missing due answer blocks: ask for it, and the outcome is
      // incomplete unless an exclusion fired on the answers that are present.
      CHECK(u->blocking == (c.severity != Severity::kInfo));
      if (u->blocking) {
        CHECK(Has(MissingIds(r), detail));
        CHECK(r.outcome == (AnyExcludeFired(r) ? Outcome::kIneligible : Outcome::kIncomplete));
      }
      break;
    }
    case Expect::kNotEvaluated: {
      const UndecidedRule* u = Find(r.not_evaluated, row.rule);
      REQUIRE(u != nullptr);
      CHECK_FALSE(Has(FlagIds(r), row.rule));
      CHECK_FALSE(Has(UndecidedIds(r), row.rule));
      CHECK(Has(u->missing, detail));
      // Only an optional answer is missing: nothing to ask, nothing blocked.
      CHECK_FALSE(Has(MissingIds(r), detail));
      CHECK(r.undecided.empty());
      CHECK(r.outcome == Outcome::kEligible);
      break;
    }
  }
}

TEST_CASE("the criteria table covers every contract id three ways", "[criteria]") {
  // Each id has a row inside, outside and unanswered; no row names a stranger.
  std::set<std::string> ids;
  for (const auto& c : kContract) ids.insert(c.id);
  REQUIRE(ids.size() == 59);
  for (const auto& c : kContract) {
    INFO(c.id);
    for (Expect e : {F, Q}) {
      CHECK(std::any_of(kRows.begin(), kRows.end(), [&](const Row& r) { return r.rule == std::string(c.id) && r.expect == e; }));
    }
    CHECK(std::any_of(kRows.begin(), kRows.end(),
                      [&](const Row& r) { return r.rule == std::string(c.id) && (r.expect == U || r.expect == N); }));
  }
  for (const auto& r : kRows) CHECK(ids.count(r.rule) == 1);
}

TEST_CASE("the shipped rulebook has exactly the 59 contract ids", "[criteria]") {
  std::set<std::string> contract, shipped;
  for (const auto& c : kContract) contract.insert(c.id);
  for (const auto& rule : candidacy::internal::ModelOf(Shipped()).rules) {
    CHECK(shipped.insert(rule.id).second);  // no id twice
    // Severity and points as the contract sets them, fired or not.
    const Criterion& c = ContractOf(rule.id);
    INFO(rule.id);
    CHECK(rule.severity == c.severity);
    CHECK(rule.points == c.points);
  }
  CHECK(Shipped().rule_count() == 59);
  CHECK(shipped == contract);
}

TEST_CASE("the base questionnaire fires nothing and is eligible", "[criteria]") {
  const ScreeningResult r = ScreenText(Shipped(), BaseQuestionnaire());
  CHECK(r.outcome == Outcome::kEligible);
  CHECK(r.flags.empty());
  CHECK(r.undecided.empty());
  CHECK(r.missing_questions.empty());
  CHECK(r.unrecognized_medications.empty());
  CHECK(r.score == 0);
  CHECK(r.band == "low");
  // Never an infarction or stroke, said (1.1.0): EX-07 and RV-05 are decided
  // (in 1.0.0 they were "not evaluated" for want of an optional answer).
  CHECK(NotEvaluatedIds(r).empty());
}

}  // namespace candidacy::testing
