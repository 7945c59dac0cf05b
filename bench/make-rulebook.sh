#!/bin/sh
# Builds the benchmark rulebook into OUT_DIR: the shipped rules/ketamine files
# as they are, with bench/lexicon/medications.yaml (the benchmark's lexicon,
# converted by bench/convert-lexicon.py) in place of the shipped lexicon.
# A rulebook's includes must stay inside its directory, so the rulebook is a
# generated copy, remade whenever a source file is newer; nothing is kept by
# hand. Usage: bench/make-rulebook.sh OUT_DIR
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
src=$here/../rules/ketamine
out=$1
stale=
if [ ! -f "$out/rulebook.yaml" ] || [ "$here/lexicon/medications.yaml" -nt "$out/medications.yaml" ]; then
  stale=1
else
  for f in "$src"/*.yaml "$src"/rules/*.yaml; do
    rel=${f#"$src"/}
    [ "$f" -nt "$out/$rel" ] && stale=1 && break
  done
fi
[ -n "$stale" ] || exit 0
tmp=$out.tmp.$$
rm -rf "$tmp"
mkdir -p "$tmp/rules"
cp "$src"/*.yaml "$tmp/"
cp "$src"/rules/*.yaml "$tmp/rules/"
cp "$here/lexicon/medications.yaml" "$tmp/medications.yaml"
rm -rf "$out"
mv "$tmp" "$out"
