// RFC 4122 (RFC 9562) name-based UUIDs, version 5 (SHA-1): the same
// namespace and name always give the same UUID. Used for the CDS Hooks card
// ids. Tested by tests/engine/base/uuid_v5_test.cc.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace candidacy::internal {

using Uuid = std::array<std::uint8_t, 16>;

// Parses the canonical 8-4-4-4-12 hex form (either case). Returns false and
// leaves *out unchanged when `text` is not one.
bool ParseUuid(std::string_view text, Uuid* out);

// The canonical lower-case form, e.g. "886313e1-3b8a-5372-9b90-0c9aee199e5d".
std::string FormatUuid(const Uuid& uuid);

// SHA-1 over the namespace's 16 bytes then the name's bytes; the first 16
// bytes of the digest with the version nibble set to 5 and the variant bits
// to 10 (RFC 4122 section 4.3).
Uuid NameBasedUuidV5(const Uuid& name_space, std::string_view name);

}  // namespace candidacy::internal
