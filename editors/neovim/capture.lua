-- Headless capture of ivr-lint diagnostics in Neovim, for the README and for testing:
--   nvim --headless -u NONE -l editors/neovim/capture.lua examples/broken-menu.yaml   (0.9+)
--   nvim --headless -u NONE -c "luafile editors/neovim/capture.lua" examples/broken-menu.yaml  (older)
-- Starts `ivr-lint server` (IVR_LINT_SERVER overrides the command), opens the file, waits for
-- the diagnostics and prints them as vim.diagnostic.get() holds them, then quits.
local file = (arg and arg[1]) or vim.fn.argv(0)
local command = vim.split(os.getenv("IVR_LINT_SERVER") or "ivr-lint server", " ", { trimempty = true })
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buffer = vim.api.nvim_get_current_buf()
vim.bo[buffer].filetype = "yaml"
local config = { name = "ivr_lint", cmd = command, root_dir = vim.fn.getcwd() }
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config, { bufnr = buffer })
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buffer, client_id)
end
local done = vim.wait(20000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
local severities = { "error", "warning", "info", "hint" }
local out = {}
if not done then
  table.insert(out, "no diagnostics within 20 s")
end
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  table.insert(out, string.format("%s:%d:%d: %s [%s] %s", vim.fn.fnamemodify(file, ":."), d.lnum + 1, d.col + 1,
    severities[d.severity], d.code or d.source, d.message))
end
io.stdout:write(table.concat(out, "\n") .. "\n")
vim.lsp.stop_client(client_id)
vim.cmd("qa!")
