// NDJSON batch screening, in chunks of whole lines, with --jobs worker threads
// that read and screen chunks in turn while the calling thread writes them back
// in input order. Test: tests/cli/batch_test.sh, tests/cli/batch_jobs_test.sh.
#include "batch.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "candidacy/audit.h"
#include "candidacy/limits.h"
#include "candidacy/questionnaire.h"
#include "candidacy/report.h"
#include "candidacy/screening.h"
#include "exit_codes.h"
#include "line_reader.h"
#include "log.h"

namespace candidacy::cli {
namespace {

const auto kProgramStart = std::chrono::steady_clock::now();

constexpr std::size_t kChunkLines = 256;
constexpr std::size_t kChunkBytes = 1 << 20;
constexpr int kMaxJobs = 256;

// Lines in input order, then what screening them gave.
struct Chunk {
  long first_line = 0;  // 1-based number of the block's first line
  LineBlock block;
  std::string out;                 // the result (or error) lines, concatenated
  std::vector<std::size_t> ends;   // out's size after each line
  std::vector<std::string> audit;  // per line; empty for a line not screened
  std::vector<int> outcome;        // per line; -1 for a line not screened
};

Diagnostic LineError(DiagnosticCode code, std::string message) {
  Diagnostic d;
  d.code = code;
  d.message = std::move(message);
  return d;
}

// The block this thread screened last, kept for the next chunk it reads:
// each thread reads into one buffer over and over, and memory stays flat
// however long the batch (a new buffer a chunk fragmented the heap).
thread_local LineBlock spare_block;

// Reads up to kChunkLines lines (or about kChunkBytes); false when none was left.
bool ReadChunk(LineBlockReader* reader, long first_line, Chunk* chunk) {
  chunk->first_line = first_line;
  chunk->block = std::move(spare_block);
  return reader->Next(kChunkLines, kChunkBytes, &chunk->block);
}

// Screens every line of the chunk; touches nothing shared but the immutable
// rulebook, so chunks may be screened on any thread.
void ScreenChunk(const Rulebook& rulebook, const BatchOptions& o, Chunk* chunk) {
  ReadOptions read;
  read.format = InputFormat::kJson;
  read.padded = true;  // each line lies in its block, padding after the last
  const std::string now = o.audit != nullptr ? AuditLog::UtcNow() : std::string();
  Questionnaire questionnaire;  // one for the chunk: each read reuses its memory
  ScreeningResult result;       // likewise each screening
  std::vector<Diagnostic> diagnostics;
  const std::size_t count = chunk->block.lines.size();
  for (std::size_t i = 0; i < count; ++i) {
    std::string_view line = chunk->block.line(i);
    const long number = chunk->first_line + static_cast<long>(i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    read.display_name = "line " + std::to_string(number);
    diagnostics.clear();
    bool read_it = false;  // else `questionnaire` still holds an earlier line
    if (chunk->block.lines[i].overlong) {
      diagnostics.push_back(LineError(DiagnosticCode::kTooLarge, "the line is longer than the limit of " +
                                                                     std::to_string(limits::kMaxDocumentBytes) + " bytes"));
    } else if (line.find_first_not_of(" \t") == std::string::npos) {
      diagnostics.push_back(LineError(DiagnosticCode::kJsonSyntax, "the line is empty; each line holds one questionnaire"));
    } else {
      ReadQuestionnaire(rulebook, line, read, &questionnaire, &diagnostics);
      read_it = true;
    }
    if (diagnostics.empty()) {
      // The compact form (and an audit record) needs no messages or evidence.
      Screen(rulebook, questionnaire, o.format == BatchFormat::kCompact ? ScreenDetail::kSummary : ScreenDetail::kFull,
             &result);
      chunk->audit.push_back(o.audit != nullptr ? AuditRecord(result, line, now) : std::string());
      chunk->outcome.push_back(static_cast<int>(result.outcome));
      if (o.format == BatchFormat::kCompact) AppendJsonCompact(result, &chunk->out);
      else chunk->out += RenderJson(result, false);
    } else {
      chunk->audit.emplace_back();
      chunk->outcome.push_back(-1);
      chunk->out += RenderJsonError(number, read_it ? questionnaire.id() : std::string(), diagnostics);
    }
    chunk->ends.push_back(chunk->out.size());
  }
  spare_block = std::move(chunk->block);  // the input is no longer needed while the chunk waits for its turn
}

// Delivers chunks in input order: audit records, counts, progress, output.
class Writer {
 public:
  explicit Writer(const BatchOptions& o) : o_(o) {}

  // False when the batch must stop (an audit record or the output could not be written).
  bool Deliver(const Chunk& chunk) {
    for (std::size_t i = 0; i < chunk.outcome.size(); ++i) {
      ++lines_;
      if (o_.audit != nullptr && chunk.outcome[i] >= 0) {
        std::string error;
        if (!o_.audit->Append(chunk.audit[i], &error)) {
          // What was screened and audited is delivered; nothing after it.
          const std::size_t end = i == 0 ? 0 : chunk.ends[i - 1];
          std::fwrite(chunk.out.data(), 1, end, stdout);
          std::fprintf(stderr, "candidacy: %s (stopped at line %ld)\n", error.c_str(), lines_);
          status_ = kExitIo;
          return false;
        }
      }
      if (chunk.outcome[i] >= 0) ++outcomes_[chunk.outcome[i]];
      else ++failed_;
      if (o_.progress && lines_ % 10000 == 0) std::fprintf(stderr, "candidacy: %ld lines screened\n", lines_);
    }
    if (std::fwrite(chunk.out.data(), 1, chunk.out.size(), stdout) != chunk.out.size()) {
      write_failed_ = true;
      return false;
    }
    return true;
  }

  int status() const { return status_; }
  bool write_failed() const { return write_failed_; }
  long lines() const { return lines_; }
  long failed() const { return failed_; }
  long outcome_count(Outcome outcome) const { return outcomes_[static_cast<int>(outcome)]; }

 private:
  const BatchOptions& o_;
  long lines_ = 0, failed_ = 0;
  long outcomes_[5] = {0, 0, 0, 0, 0};
  int status_ = kExitOk;
  bool write_failed_ = false;
};

// `first`: the batch's first chunk, already read.
void RunSequential(const Rulebook& rulebook, const BatchOptions& o, LineBlockReader* reader, Writer* writer, Chunk* first) {
  long next_line = 1 + static_cast<long>(first->block.lines.size());
  ScreenChunk(rulebook, o, first);
  if (!writer->Deliver(*first)) return;
  for (;;) {
    Chunk chunk;
    if (!ReadChunk(reader, next_line, &chunk)) return;
    next_line += static_cast<long>(chunk.block.lines.size());
    ScreenChunk(rulebook, o, &chunk);
    if (!writer->Deliver(chunk)) return;
  }
}

// `jobs` workers, each reading a chunk (one at a time), then screening it;
// the calling thread writes the chunks back in input order. At most
// 2 * jobs + 2 chunks exist at once, read but not yet written.
void RunParallel(const Rulebook& rulebook, const BatchOptions& o, int jobs, LineBlockReader* reader, Writer* writer,
                 std::unique_ptr<Chunk> first) {
  std::mutex read_mu;  // held while reading: next_line
  std::mutex mu;       // the rest
  std::condition_variable done_cv, space_cv;
  std::map<long, std::unique_ptr<Chunk>> done;
  long next_line = 1 + static_cast<long>(first->block.lines.size());
  long read_count = 1;  // chunks read so far (the next one's sequence number); `first` is 0
  long written = 0;     // chunks written so far
  bool input_done = false, stop = false;
  const long max_in_flight = 2L * jobs + 2;

  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      for (;;) {
        std::unique_ptr<Chunk> chunk;
        long seq = 0;
        {
          std::unique_lock<std::mutex> lock(mu);
          if (first != nullptr) chunk = std::move(first);
        }
        if (chunk == nullptr) {
          std::lock_guard<std::mutex> reading(read_mu);
          {
            std::unique_lock<std::mutex> lock(mu);
            space_cv.wait(lock, [&] { return stop || input_done || read_count - written < max_in_flight; });
            if (stop || input_done) return;
          }
          chunk = std::make_unique<Chunk>();
          const bool got = ReadChunk(reader, next_line, chunk.get());
          std::lock_guard<std::mutex> lock(mu);
          if (!got) {
            input_done = true;
            done_cv.notify_all();
            space_cv.notify_all();
            return;
          }
          next_line += static_cast<long>(chunk->block.lines.size());
          seq = read_count++;
        }
        ScreenChunk(rulebook, o, chunk.get());
        std::lock_guard<std::mutex> lock(mu);
        done.emplace(seq, std::move(chunk));
        if (seq == written) done_cv.notify_one();
      }
    });
  }

  for (;;) {
    std::unique_ptr<Chunk> chunk;
    {
      std::unique_lock<std::mutex> lock(mu);
      done_cv.wait(lock, [&] { return done.count(written) != 0 || (input_done && written == read_count); });
      auto it = done.find(written);
      if (it == done.end()) break;  // everything read was written
      chunk = std::move(it->second);
      done.erase(it);
    }
    const bool ok = writer->Deliver(*chunk);
    chunk.reset();
    std::lock_guard<std::mutex> lock(mu);
    ++written;
    space_cv.notify_all();
    if (!ok) {
      stop = true;
      break;
    }
  }
  for (auto& t : workers) t.join();
}

}  // namespace

double MillisecondsSinceStart() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kProgramStart).count();
}

int RunBatch(const Rulebook& rulebook, const BatchOptions& o) {
  const double ready_ms = MillisecondsSinceStart();
  FILE* in = o.file == "-" ? stdin : std::fopen(o.file.c_str(), "rb");
  if (in == nullptr) {
    std::fprintf(stderr, "candidacy: %s: cannot open: %s\n", o.file.c_str(), std::strerror(errno));
    return kExitIo;
  }
  int jobs = o.jobs;
  if (jobs <= 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::min(jobs, kMaxJobs);
  LineBlockReader reader(in, limits::kMaxDocumentBytes);
  Writer writer(o);
  // Threads only for a batch longer than one chunk: a short one (a single
  // questionnaire from an EHR hook) is screened at once on this thread.
  auto first = std::make_unique<Chunk>();
  if (ReadChunk(&reader, 1, first.get())) {
    if (jobs == 1 || reader.done()) RunSequential(rulebook, o, &reader, &writer, first.get());
    else RunParallel(rulebook, o, jobs, &reader, &writer, std::move(first));
  }
  const bool read_failed = reader.error();
  if (in != stdin) std::fclose(in);
  if (writer.status() != kExitOk) return writer.status();
  if (writer.write_failed() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "candidacy: cannot write the results: %s\n", std::strerror(errno));
    return kExitIo;
  }
  if (read_failed) {
    std::fprintf(stderr, "candidacy: %s: read error after line %ld\n", o.file.c_str(), writer.lines());
    return kExitIo;
  }
  const long lines = writer.lines(), failed = writer.failed();
  std::string summary;
  for (Outcome outcome : {Outcome::kIneligible, Outcome::kIncomplete, Outcome::kNeedsReview, Outcome::kEligibleWithPrecautions,
                          Outcome::kEligible})
    summary += ", " + std::string(OutcomeName(outcome)) + " " + std::to_string(writer.outcome_count(outcome));
  std::fprintf(stderr, "candidacy: %ld lines: %ld screened%s; %ld not screened\n", lines, lines - failed, summary.c_str(), failed);
  if (o.stats) {
    const double screen_ms = MillisecondsSinceStart() - ready_ms;
    const long per_s = screen_ms > 0 ? static_cast<long>(static_cast<double>(lines) / (screen_ms / 1000.0) + 0.5) : 0;
    std::fprintf(stderr, "{\"peer\":\"candidacy\",\"version\":\"%s\",\"n\":%ld,\"load_ms\":%.1f,\"screen_ms\":%.1f,\"per_s\":%ld,\"jobs\":%d}\n",
                 CANDIDACY_VERSION, lines, ready_ms, screen_ms, per_s, jobs);
  }
  Log(LogLevel::kInfo, "batch of {} lines, {} not screened", lines, failed);
  return failed > 0 ? kExitQuestionnaireInvalid : kExitOk;
}

}  // namespace candidacy::cli
