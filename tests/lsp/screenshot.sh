#!/usr/bin/env bash
# Makes docs/lsp-diagnostics.png: Neovim (Debian's, 0.7+) with the set-up of
# docs/authoring.md, in tmux, on a copy of the shipped rulebook, with a typo
# typed into a condition; the terminal's cells rendered to HTML (ansi_html.py)
# and photographed by headless Chromium. Not a test: run by hand after a
# change that shows in the picture.
#   bash tests/lsp/screenshot.sh [path/to/candidacy]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-build/cli/candidacy}")
tmp=$(mktemp -d)
trap 'tmux kill-session -t candidacy-shot 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp -R rules/ketamine "$tmp/rb"
mkdir -p "$tmp/bin" "$tmp/config/nvim"
ln -s "$bin" "$tmp/bin/candidacy"
# The init.lua of docs/authoring.md, with colours and the sign column on.
sed -n '/^-- candidacy lsp for every YAML file/,/^})/p' docs/authoring.md >"$tmp/config/nvim/init.lua"
cat >>"$tmp/config/nvim/init.lua" <<'LUA'
vim.o.termguicolors = true
vim.o.signcolumn = "yes"
vim.o.number = true
vim.cmd("syntax on")
vim.cmd("highlight SignColumn guibg=NONE ctermbg=NONE")
LUA
line=$(grep -n 'when: patient.age < 18' "$tmp/rb/rules/exclusions.yaml" | head -1 | cut -d: -f1)
tmux new-session -d -s candidacy-shot -x 132 -y 22 \
  "env PATH=$tmp/bin:\$PATH XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state TERM=xterm-256color nvim +$line $tmp/rb/rules/exclusions.yaml"
sleep 3
tmux send-keys -t candidacy-shot ":s/patient.age </patient.agee </" Enter
sleep 3
tmux send-keys -t candidacy-shot "zz"
sleep 1
tmux capture-pane -t candidacy-shot -e -p >"$tmp/screen.ansi"
python3 tests/lsp/ansi_html.py "rules/exclusions.yaml in Neovim: candidacy lsp, as you type" <"$tmp/screen.ansi" >"$tmp/screen.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1180,470 \
  --screenshot="$PWD/docs/lsp-diagnostics.png" "file://$tmp/screen.html" >/dev/null 2>&1
echo "wrote docs/lsp-diagnostics.png"
