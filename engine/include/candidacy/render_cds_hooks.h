// CDS Hooks cards (`--format cds-hooks`, docs/cds-hooks.md).
// Tested by tests/engine/render/render_cds_hooks_test.cc.
#pragma once

#include <string>

#include "candidacy/result.h"

namespace candidacy {

// A CDS Hooks response (docs/cds-hooks.md, schema docs/cds-hooks.schema.json):
// {"cards": [...]}, first a card for the outcome (with the questions to ask),
// then one card per flag in the result's order. `pretty` as for RenderJson.
// Byte-identical for identical results; card ids come from CardUuid.
std::string RenderCdsHooks(const ScreeningResult& result, bool pretty);

// A card's id: the RFC 4122 version-5 (SHA-1, name-based) UUID of
// "<questionnaire id>\n<rulebook sha256>\n<rule id>" in Candidacy's namespace
// 9fa262b8-bade-5652-a32e-2c3c69df3de5; the outcome card's rule id is "".
// Lower-case canonical form. The same inputs always give the same id.
std::string CardUuid(const std::string& questionnaire_id, const std::string& rulebook_sha256,
                     const std::string& rule_id);

}  // namespace candidacy
