// `candidacy interview [--rulebook DIR] [--resume FILE] [--out FILE]`: the
// guided intake interview. Asks what the engine's step function says is next
// (engine/include/candidacy/interview.h), checks each answer on the spot and
// asks again with the reason, echoes medications as recognised, saves the
// questionnaire after every answer, and ends with the screening result.
// Works with answers piped on stdin (they are then echoed after the prompt).
// Test: tests/cli/interview_test.sh (and tests/engine/intake/interview_test.cc for the core).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "candidacy/interview.h"
#include "candidacy/report.h"
#include "command_table.h"
#include "exit_codes.h"
#include "interview_file.h"
#include "log.h"
#include "questionnaire_input.h"
#include "rulebook_locator.h"

namespace candidacy::cli {
namespace {

struct InterviewOptions {
  std::string rulebook;
  std::string resume;
  std::string out;
};

class Conversation {
 public:
  Conversation(const Rulebook& rulebook, InterviewState state, std::string out)
      : rulebook_(rulebook), state_(std::move(state)), out_(std::move(out)), echo_(::isatty(STDIN_FILENO) == 0) {}

  int Run() {
    Say(fmt::format("Interview for {} {}. Type ? to leave a question unanswered for now; Enter skips an optional question.\n",
                    rulebook_.id(), rulebook_.version()));
    if (!out_.empty() && !state_.id.empty())
      Say(fmt::format("Resuming {} ({} question{} dealt with); answers are saved to {}\n", state_.id,
                      state_.answers.size(), state_.answers.size() == 1 ? "" : "s", out_));
    for (;;) {
      const InterviewStep step = NextInterviewStep(rulebook_, state_);
      int rc = kExitOk;
      switch (step.kind) {
        case InterviewStep::Kind::kAskId: rc = AskId(); break;
        case InterviewStep::Kind::kAsk: rc = Ask(step); break;
        case InterviewStep::Kind::kDoneExcluded: {
          std::string ids;
          for (const auto& e : step.exclusions) ids += (ids.empty() ? "" : ", ") + e;
          Say(fmt::format("\nAn exclusion is certain ({}): the outcome is ineligible whatever the remaining answers.\n", ids));
          if (!step.skipped.empty()) {
            std::string skipped;
            for (const auto& s : step.skipped) skipped += (skipped.empty() ? "" : ", ") + s;
            Say(fmt::format("{} question{} not asked: {}\n", step.skipped.size(), step.skipped.size() == 1 ? " is" : "s are", skipped));
          }
          return Finish();
        }
        case InterviewStep::Kind::kDoneComplete:
          Say("\nEvery question that applies has been dealt with.\n");
          return Finish();
      }
      if (rc != kExitOk) return rc;
    }
  }

 private:
  void Say(const std::string& text) { std::fputs(text.c_str(), stdout); }

  // One line of input after the "> " prompt; false at the end of input.
  bool Read(std::string* line) {
    Say("> ");
    std::fflush(stdout);
    if (!std::getline(std::cin, *line)) {
      Say("\n");
      return false;
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    if (echo_) Say(*line + "\n");
    return true;
  }

  static std::string Trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
  }

  void Problem(const std::string& reason) {
    size_t start = 0;
    while (start <= reason.size()) {
      const size_t nl = reason.find('\n', start);
      Say("  ! " + reason.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n");
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }

  int Unfinished() {
    std::fflush(stdout);
    if (state_.id.empty()) {
      std::fprintf(stderr, "candidacy: input ended before the questionnaire id was given; nothing was saved\n");
    } else {
      std::fprintf(stderr,
                   "candidacy: input ended before the interview was finished; %zu answer%s saved in %s; continue with: "
                   "candidacy interview --resume %s\n",
                   state_.answers.size(), state_.answers.size() == 1 ? "" : "s", out_.c_str(), out_.c_str());
    }
    return kExitInterviewUnfinished;
  }

  int Save() {
    std::string error;
    if (!SaveAtomically(out_, InterviewYaml(rulebook_, state_), &error)) {
      std::fflush(stdout);
      std::fprintf(stderr, "candidacy: %s\n", error.c_str());
      return kExitIo;
    }
    Log(LogLevel::kDebug, "interview saved ({} answers)", state_.answers.size());
    return kExitOk;
  }

  int AskId() {
    Say("\nQuestionnaire id (an identifier, never a name or a date of birth)\n");
    for (;;) {
      std::string line;
      if (!Read(&line)) return Unfinished();
      const std::string id = Trim(line);
      std::string reason;
      if (!CheckInterviewId(rulebook_, id, &reason).ok()) {
        Problem(reason);
        continue;
      }
      const std::string file = out_.empty() ? DefaultInterviewFileName(id) : out_;
      if (out_.empty() && FileExists(file)) {
        Problem(file + " exists already: continue it with --resume " + file + ", or give another id");
        continue;
      }
      out_ = file;
      state_.id = id;
      Say("Answers are saved to " + out_ + " after each answer.\n");
      return Save();
    }
  }

  static std::string Hint(const QuestionInfo& q) {
    std::string unit = q.unit.empty() ? "" : ", " + q.unit;
    std::string range = q.has_range ? fmt::format(", {}..{}", q.min, q.max) : "";
    std::string values;
    for (const auto& v : q.values) values += (values.empty() ? "" : ", ") + v;
    std::string hint;
    if (q.type == "integer") hint = "a whole number" + unit + range;
    else if (q.type == "number") hint = "a number" + unit + range;
    else if (q.type == "boolean") hint = "yes or no";
    else if (q.type == "enum") hint = "one of: " + values;
    else if (q.type == "list_of_enum") hint = "one or more of, separated by commas: " + values;
    else hint = "one per line, as written; an empty line ends the list, - removes the last entry";
    return hint + (q.required ? "" : "; optional");
  }

  int Record(InterviewAnswer answer) {
    RecordInterviewAnswer(rulebook_, std::move(answer), &state_);
    return Save();
  }

  int Ask(const InterviewStep& step) {
    const QuestionInfo& q = step.question;
    Say(fmt::format("\n[{}/{}] {}: {}\n      ({})\n", step.asked + 1, step.asked + step.remaining, q.id, q.prompt, Hint(q)));
    if (q.type == "list_of_text") return AskList(q);
    for (;;) {
      std::string line;
      if (!Read(&line)) return Unfinished();
      const std::string typed = Trim(line);
      if (typed == "?" || (typed.empty() && !q.required)) return Record({q.id, true, {}});
      if (typed.empty()) {
        Problem("an answer is required; type ? if it is not known yet");
        continue;
      }
      std::vector<std::string> values;
      std::string reason;
      if (!CheckInterviewAnswer(rulebook_, q.id, typed, &values, &reason).ok()) {
        Problem(reason);
        continue;
      }
      return Record({q.id, false, std::move(values)});
    }
  }

  int AskList(const QuestionInfo& q) {
    std::vector<std::string> entries;
    int unrecognised = 0;
    std::vector<char> recognised;
    for (;;) {
      std::string line;
      if (!Read(&line)) {
        if (!entries.empty())
          std::fprintf(stderr, "candidacy: the list %s was not finished (%zu entr%s typed) and is not saved\n", q.id.c_str(),
                       entries.size(), entries.size() == 1 ? "y" : "ies");
        return Unfinished();
      }
      const std::string typed = Trim(line);
      if (typed.empty()) break;
      if (typed == "?" && entries.empty()) return Record({q.id, true, {}});
      if (typed == "-") {
        if (entries.empty()) {
          Problem("there is no entry to remove");
        } else {
          Say("  removed: " + entries.back() + "\n");
          unrecognised -= recognised.back() ? 0 : 1;
          entries.pop_back();
          recognised.pop_back();
        }
        continue;
      }
      std::string reason;
      if (!CheckInterviewItem(rulebook_, q.id, typed, entries.size(), &reason).ok()) {
        Problem(reason);
        continue;
      }
      const MedicationEcho echo = RecognizeMedication(rulebook_, typed);
      if (!echo.entry.probable_names.empty()) {
        std::string classes;
        for (const auto& c : echo.entry.classes) classes += (classes.empty() ? "" : ", ") + c;
        Say("  ~ " + MedicationWording(echo.entry) + " [" + classes +
            "]. It is kept as written and sends the screening to review; type - to remove it.\n");
        ++unrecognised;
      } else if (echo.entry.recognized) {
        std::string generics, classes;
        for (const auto& g : echo.entry.generics) generics += (generics.empty() ? "" : ", ") + g;
        for (const auto& c : echo.entry.classes) classes += (classes.empty() ? "" : ", ") + c;
        Say("  = " + generics + " [" + classes + "]\n");
      } else {
        std::string suggestions;
        for (const auto& s : echo.suggestions) suggestions += (suggestions.empty() ? "" : ", ") + s;
        Say("  ? NOT RECOGNISED" + (suggestions.empty() ? std::string(" (no close name in the lexicon)") : "; did you mean: " + suggestions) +
            "? It is kept as written and sends the screening to review; type - to remove it.\n");
        ++unrecognised;
      }
      entries.push_back(typed);
      recognised.push_back(echo.entry.recognized && echo.entry.probable_names.empty() ? 1 : 0);
    }
    Say(fmt::format("  {} entr{} recorded, {} not recognised or only probably\n", entries.size(), entries.size() == 1 ? "y" : "ies", unrecognised));
    return Record({q.id, false, std::move(entries)});
  }

  int Finish() {
    Questionnaire questionnaire;
    std::vector<Diagnostic> diagnostics;
    const Status s = InterviewQuestionnaire(rulebook_, state_, &questionnaire, &diagnostics);
    if (!s.ok()) {
      for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stderr);
      return kExitInternal;
    }
    Say(fmt::format("Saved in {}.\n\n", out_));
    Say(RenderText(Screen(rulebook_, questionnaire)));
    return kExitOk;
  }

  const Rulebook& rulebook_;
  InterviewState state_;
  std::string out_;
  bool echo_;
};

int Run(const InterviewOptions& o) {
  std::shared_ptr<const Rulebook> rulebook;
  if (int rc = LoadRulebookOrReport(o.rulebook, &rulebook); rc != kExitOk) return rc;
  InterviewState state;
  std::string out = o.out;
  if (!o.resume.empty()) {
    std::string text;
    if (o.resume == "-") {  // stdin carries the answers
      std::fprintf(stderr, "candidacy: --resume needs a file; the answers are read from stdin\n");
      return kExitUsage;
    }
    if (int rc = ReadDocumentFile(o.resume, &text); rc != kExitOk) return rc;
    ReadOptions read;
    read.display_name = o.resume;
    std::vector<Diagnostic> diagnostics;
    const Status s = ResumeInterview(*rulebook, text, read, &state, &diagnostics);
    if (!s.ok()) {
      for (const auto& d : diagnostics) std::fputs(FormatDiagnostic(d).c_str(), stderr);
      std::fprintf(stderr, "candidacy: %s cannot be resumed\n", o.resume.c_str());
      return ExitCodeFor(s.code());
    }
    if (out.empty()) {
      // The interview saves YAML: it never rewrites a JSON file in place.
      const auto first = text.find_first_not_of(" \t\r\n");
      if (first != std::string::npos && text[first] == '{') {
        std::fprintf(stderr, "candidacy: %s is JSON and the interview saves YAML; name the file to save with --out\n",
                     o.resume.c_str());
        return kExitUsage;
      }
      out = o.resume;
    }
  } else if (!out.empty() && FileExists(out)) {
    std::fprintf(stderr, "candidacy: %s exists already; continue it with --resume %s, or choose another --out\n",
                 out.c_str(), out.c_str());
    return kExitUsage;
  }
  return Conversation(*rulebook, std::move(state), out).Run();
}

}  // namespace

Command InterviewCommand() {
  auto options = std::make_shared<InterviewOptions>();
  Command c;
  c.name = "interview";
  c.help = "Guided intake interview: asks the due questions, checks each answer, saves after every answer, ends with the screening";
  c.configure = [options](CLI::App* app) {
    app->add_option("--rulebook", options->rulebook, "Rulebook directory (default: the shipped ketamine rulebook)")
        ->check(CLI::ExistingDirectory);
    app->add_option("--resume", options->resume, "A partly filled questionnaire (YAML or JSON) to continue");
    app->add_option("--out", options->out,
                    "Where to save the answers (default: the --resume file, else <id>.yaml in the current folder)");
  };
  c.run = [options] { return Run(*options); };
  return c;
}

}  // namespace candidacy::cli
