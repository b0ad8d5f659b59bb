#!/usr/bin/env bash
# The README's terminal capture: Neovim (0.7+) in a detached tmux pane, on a flow, showing what
# `ivr-lint server` publishes (signs, and the messages as virtual text); prints the pane.
#   editors/neovim/tmux-capture.sh examples/broken-menu.yaml [--ansi]
# Needs tmux, nvim and `ivr-lint` on the PATH (e.g. PATH=.venv/bin:$PATH); WIDTH=100 for a narrower pane.
set -euo pipefail
flow=${1:?give a flow file}
escapes=${2:-}
init=$(mktemp --suffix=.lua)
session=ivr-lint-capture-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -f "$init"' EXIT
cat > "$init" <<'LUA'
vim.o.number = true
vim.o.signcolumn = "yes"
vim.diagnostic.config({ virtual_text = { prefix = "●" }, signs = true, severity_sort = true })
vim.api.nvim_create_autocmd("FileType", { pattern = "yaml", callback = function(args)
  local id = vim.lsp.start_client({ name = "ivr_lint", cmd = { "ivr-lint", "server" }, root_dir = vim.fn.getcwd() })
  vim.lsp.buf_attach_client(args.buf, id)
end })
LUA
tmux new-session -d -s "$session" -x "${WIDTH:-132}" -y 26 "nvim -u $init $(printf %q "$flow")"
for _ in $(seq 1 60); do  # until the first sign (E or W in the sign column) is drawn
  sleep 0.5
  tmux capture-pane -p -t "$session" | grep -qE '^[EWIH] +[0-9]+ ' && break
done
sleep 1  # the rest of the diagnostics, published together, are drawn in the same redraw
if [ "$escapes" = --ansi ]; then tmux capture-pane -p -e -t "$session"; else tmux capture-pane -p -t "$session"; fi
