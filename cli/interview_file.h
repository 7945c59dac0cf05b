// Files of the guided interview (a questionnaire to resume is read by
// ReadDocumentFile of questionnaire_input.h): saving the answers atomically (a temporary file in
// the same folder, then rename, so a closed terminal or a crash never leaves
// a half-written questionnaire), and the default file name for an id.
// Tested by tests/cli/interview_test.sh.
#pragma once

#include <string>

namespace candidacy::cli {

// Writes `text` to `path` through `path`.tmp and rename(2). On failure
// returns false with the reason in *error; `path` is then unchanged.
bool SaveAtomically(const std::string& path, const std::string& text, std::string* error);

// "<id>.yaml" with every byte outside [A-Za-z0-9._-] replaced by '_', and a
// leading '.' or '-' too, so an id never names another folder or an option.
std::string DefaultInterviewFileName(const std::string& id);

bool FileExists(const std::string& path);

}  // namespace candidacy::cli
