-- ivr-lint language server for Neovim 0.11+ (vim.lsp.config). Put this file in
-- ~/.config/nvim/lsp/ivr_lint.lua (without the last line) or source it from init.lua.
vim.lsp.config("ivr_lint", {
  cmd = { "ivr-lint", "server" },
  filetypes = { "yaml", "json", "xml" }, -- flows, and the platform exports ivr-lint imports
  root_markers = { "pyproject.toml", "service.yaml", ".git" },
  -- init_options = { onlyFlows = true },  -- leave YAML files without `ivr:` alone
})
vim.lsp.enable("ivr_lint")
