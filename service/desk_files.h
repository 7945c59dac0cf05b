// The desk's static files (desk/: index.html, its scripts, style and icon), embedded
// in the binary at build time (service/embed_desk.cmake writes desk_files.cc
// from them), so an installed `candidacy serve` needs no files beside it.
// Tested by tests/service/desk_test.cc and tests/browser/desk_test.js.
#pragma once

#include <string_view>
#include <vector>

namespace candidacy::service {

struct DeskFile {
  std::string_view name;          // as in desk/: "index.html", "desk.js", ...
  std::string_view content_type;  // from the name's extension
  std::string_view body;          // the file's bytes
};

// Every file of desk/, sorted by name. Static storage; never fails.
const std::vector<DeskFile>& DeskFiles();

}  // namespace candidacy::service
