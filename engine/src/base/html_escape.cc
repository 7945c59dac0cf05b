// HTML escaping. Test: tests/engine/base/html_escape_test.cc.
#include "base/html_escape.h"

#include <fmt/format.h>

namespace candidacy::internal {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((c < 0x20 && ch != '\t' && ch != '\n') || c == 0x7F)
          out += fmt::format("\\x{:02x}", c);
        else
          out += ch;
    }
  }
  return out;
}

std::string SafeHref(std::string_view url) {
  const bool http = url.substr(0, 7) == "http://" || url.substr(0, 8) == "https://";
  if (!http || url.size() > 2000) return "";
  for (char ch : url) {
    const unsigned char c = static_cast<unsigned char>(ch);
    // RFC 3986 unreserved, reserved and '%'; no quotes, spaces, angle brackets or backslashes.
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("-._~:/?#[]@!$&()*+,;=%").find(ch) != std::string_view::npos;
    if (!ok) return "";
  }
  return EscapeHtml(url);
}

}  // namespace candidacy::internal
