// Every renderer of a screening result, for a front end that prints more
// than one form: the text result (render_text.h), JSON (render_json.h), the
// compact line (render_compact.h), the printable HTML report (render_html.h),
// CDS Hooks cards (render_cds_hooks.h) and rule explanations
// (render_explanation.h). Renderers never re-evaluate; they only format the
// plain result of candidacy/result.h. Each is tested beside its source
// (tests/engine/render/).
#pragma once

#include "candidacy/render_cds_hooks.h"
#include "candidacy/render_compact.h"
#include "candidacy/render_explanation.h"
#include "candidacy/render_html.h"
#include "candidacy/render_json.h"
#include "candidacy/render_text.h"
#include "candidacy/result.h"
