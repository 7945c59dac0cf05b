#!/usr/bin/env bash
# The engine's stage layering (engine/layering.cmake): the tree as it is
# passes; copies of it with one bad include each fail, naming the file, the
# line and the stage. Arguments: the check's -D arguments (from CMake).
set -euo pipefail
: "${SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake "$@" -DENGINE_DIR="$SOURCE_DIR/engine" -P "$SOURCE_DIR/engine/layering.cmake" >"$work/out" 2>&1 ||
  { cat "$work/out" >&2; fail "the tree breaks its own layering"; }

# Each case: a file to edit (relative to engine/), the line to add after its
# first #include, and a text the error must contain.
cases=(
  "src/render/render_text.cc|#include \"decide/screening_internal.h\"|engine/src/render/render_text.cc:LINE: the render stage may not include \"decide/screening_internal.h\" (of the decide stage)"
  "src/base/sha256.cc|#include \"rulebook/model.h\"|the base stage may not include \"rulebook/model.h\" (of the rulebook stage)"
  "src/rulebook/loader.cc|#include \"candidacy/screening.h\"|the rulebook stage may not include \"candidacy/screening.h\" (of the decide stage)"
  "src/audit/audit.cc|#include \"candidacy/report.h\"|the audit stage may not include \"candidacy/report.h\" (of the render stage)"
  "src/expr/parser.cc|#include \"lexicon/lexicon.h\"|the expr stage may not include \"lexicon/lexicon.h\" (of the lexicon stage)"
  "src/decide/screening.cc|#include \"answers.h\"|write the include as \"<stage>/file.h\", not \"answers.h\""
  "src/decide/screening.cc|#include \"cli/batch.h\"|\"cli/batch.h\" names no stage"
  "src/decide/screening.cc|#include \"candidacy/nowhere.h\"|\"candidacy/nowhere.h\" is not assigned a stage"
  "include/candidacy/result.h|#include \"candidacy/screening.h\"|the base stage may not include \"candidacy/screening.h\" (of the decide stage)"
  "include/candidacy/rulebook.h|#include \"rulebook/model.h\"|a public header may include only public headers, not \"rulebook/model.h\""
)
for c in "${cases[@]}"; do
  IFS='|' read -r file line want <<<"$c"
  rm -rf "$work/engine"
  cp -r "$SOURCE_DIR/engine" "$work/engine"
  awk -v add="$line" '{print} !done && /^#include "/ {print add; done=1}' "$SOURCE_DIR/engine/$file" >"$work/engine/$file"
  if cmake "$@" -DENGINE_DIR="$work/engine" -P "$SOURCE_DIR/engine/layering.cmake" >"$work/out" 2>&1; then
    fail "$file with $line passed the layering check"
  fi
  # LINE: where the include went, the line after the file's first include.
  at=$(grep -n -m1 '^#include "' "$SOURCE_DIR/engine/$file" | cut -d: -f1)
  want=${want//LINE/$((at + 1))}
  # The message may be wrapped by CMake; compare with the line breaks removed.
  tr -d '\n' <"$work/out" | sed 's/  */ /g' >"$work/flat"
  grep -qF "$(echo "$want" | sed 's/  */ /g')" "$work/flat" || { cat "$work/out" >&2; fail "$file: expected: $want"; }
done
# A file outside any stage folder.
rm -rf "$work/engine"; cp -r "$SOURCE_DIR/engine" "$work/engine"
echo '#include "base/sha256.h"' >"$work/engine/src/stray.cc"
if cmake "$@" -DENGINE_DIR="$work/engine" -P "$SOURCE_DIR/engine/layering.cmake" >"$work/out" 2>&1; then fail "a stray file passed"; fi
grep -q "engine/src/stray.cc: every engine file belongs in a stage folder" "$work/out" || { cat "$work/out" >&2; fail "stray file message"; }
echo "layering: the tree passes; ${#cases[@]} bad includes and a stray file fail"
