#!/usr/bin/env bash
# docs/authoring.md, run as written. The walk-through's fenced blocks are
# replayed in order, in a temporary folder holding a copy of the repository's
# rules/ and samples/ (the shipped rulebook itself is never touched):
#   ```sh        commands; each block runs in bash with `set -e`, where the
#                previous block left off (a `cd` carries over), with HOME a
#                temporary folder and `candidacy` the binary under test.
#   ```text      right after a sh block (nothing but blank lines between):
#                exactly what that block prints, stdout and stderr together,
#                with the temporary HOME written `~`; when the block exits
#                non-zero its last line is `[exit status N]`. A sh block with
#                no text block after it must print nothing and exit 0.
#   <!-- file: PATH create|append|find|replace -->  on the line before a
#                block: write the block to PATH, append it to PATH, or
#                replace the text of a `find` block (which must occur in PATH
#                exactly once) by the text of the next `replace` block.
# Any other block is illustration. Any drift between the doc and the program
# fails here. Run by ctest with CANDIDACY, SOURCE_DIR and BUILD_DIR set.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
doc="$SOURCE_DIR/docs/authoring.md"
steps="$tmp/steps"
mkdir -p "$steps" "$tmp/bin" "$tmp/home" "$tmp/repo"
ln -s "$CANDIDACY" "$tmp/bin/candidacy"
cp -R "$SOURCE_DIR/rules" "$SOURCE_DIR/samples" "$tmp/repo/"
printf '%s\n' "$tmp/repo" >"$tmp/cwd"

# Split the doc into numbered steps: NNN.kind (sh, create, append, find,
# replace), NNN.body, NNN.path (file steps), NNN.expect (sh steps with output).
awk -v dir="$steps" '
  function out(name, text) { printf "%s", text > (dir "/" name); close(dir "/" name) }
  !fence && /^<!-- file: [^ ]+ (create|append|find|replace) -->$/ { path = $3; action = $4; prose = 0; next }
  !fence && /^```/ { fence = 1; lang = substr($0, 4); body = ""; start = NR; next }
  fence && /^```$/ {
    fence = 0
    if (action != "") {
      n = sprintf("%03d", ++count); out(n ".kind", action); out(n ".path", path); out(n ".body", body); out(n ".line", start)
      last = ""
    } else if (lang == "sh") {
      n = sprintf("%03d", ++count); out(n ".kind", "sh"); out(n ".body", body); out(n ".line", start)
      last = n
    } else if (lang == "text" && last != "" && !prose) {
      out(last ".expect", body); out(last ".expectline", start)
      last = ""
    } else {
      last = ""
    }
    action = ""; prose = 0
    next
  }
  fence { body = body $0 "\n"; next }
  /[^[:space:]]/ { prose = 1; if (action == "") last = "" }
  END { if (fence) { print "unclosed fence opened at line " start > "/dev/stderr"; exit 1 } }
' "$doc" || exit 1

count=$(find "$steps" -name '*.kind' | wc -l)
check "the doc has steps to run" test "$count" -gt 10

# inside_tmp PATH: PATH (made absolute) lies in the temporary folder.
inside_tmp() { [[ "$(realpath -m "$1")" == "$tmp"/* ]]; }

declare -A found  # path -> the text of its pending `find` block
for kind_file in "$steps"/*.kind; do
  n=${kind_file%.kind}
  kind=$(cat "$kind_file")
  at="docs/authoring.md:$(cat "$n.line")"
  cwd=$(cat "$tmp/cwd")
  slurp body "$n.body"
  case "$kind" in
    sh)
      script="$tmp/block.sh"
      {
        printf 'set -e\ncd %q\ntrap %q EXIT\n' "$cwd" "pwd >$(printf %q "$tmp/cwd")"
        printf '%s' "$body"
      } >"$script"
      HOME="$tmp/home" PATH="$tmp/bin:$PATH" bash "$script" >"$tmp/block.out" 2>&1 </dev/null
      status=$?
      ((status != 0)) && printf '[exit status %d]\n' "$status" >>"$tmp/block.out"
      while IFS= read -r line || [[ -n "$line" ]]; do printf '%s\n' "${line//"$tmp/home"/"~"}"; done <"$tmp/block.out" >"$n.actual"
      first=$(head -n 1 "$n.body")
      if [[ -f "$n.expect" ]]; then
        check_same "$at: $first" "$n.expect" "$n.actual"
      else
        check_empty "$at: $first (prints nothing, exits 0)" "$n.actual"
      fi
      ;;
    create | append | find | replace)
      path=$(cat "$n.path")
      [[ "$path" == /* ]] || path="$cwd/$path"
      if ! inside_tmp "$path"; then
        fail "$at: $kind $path" "the file is outside the walk-through's folder"
        continue
      fi
      case "$kind" in
        create)
          mkdir -p "$(dirname "$path")"
          printf '%s' "$body" >"$path"
          pass "$at: create $(cat "$n.path")"
          ;;
        append)
          check "$at: append to $(cat "$n.path") (it exists)" test -f "$path"
          printf '%s' "$body" >>"$path"
          ;;
        find)
          text=""
          [[ -f "$path" ]] && slurp text "$path"
          rest=${text//"$body"/}
          occurrences=$(((${#text} - ${#rest}) / ${#body}))
          check_eq "$at: the text shown is in $(cat "$n.path") exactly once" "1" "$occurrences"
          found[$path]=$body
          ;;
        replace)
          if [[ -z "${found[$path]+set}" ]]; then
            fail "$at: replace in $(cat "$n.path")" "no find block for this file before it"
            continue
          fi
          slurp text "$path"
          printf '%s' "${text/"${found[$path]}"/"$body"}" >"$path"
          unset "found[$path]"
          pass "$at: replace in $(cat "$n.path")"
          ;;
      esac
      ;;
  esac
done
check_eq "every find block has its replace block" "" "${!found[*]}"

# UPDATE_DOC=1: rewrite the doc's text blocks with what the program printed
# (then read the diff before committing it: the doc must still say what it shows).
if [[ -n "${UPDATE_DOC:-}" ]]; then
  for expect in "$steps"/*.expect; do
    n=${expect%.expect}
    printf '%s\t%s\n' "$(cat "$n.expectline")" "$n.actual"
  done >"$tmp/updates"
  awk -F'\t' 'NR == FNR { file[$1] = $2; next }
    skip && /^```$/ { skip = 0 }
    skip { next }
    { print }
    FNR in file { while ((getline line < file[FNR]) > 0) print line; close(file[FNR]); skip = 1 }
  ' "$tmp/updates" "$doc" >"$tmp/doc.md" && cp "$tmp/doc.md" "$doc"
  echo "updated $doc"
fi

# The walk-through edited copies only: the shipped rulebook still passes its tests unchanged.
run test "$SOURCE_DIR/rules/ketamine"
check_eq "the shipped rulebook is untouched (its tests pass)" "0" "$rc"

finish
