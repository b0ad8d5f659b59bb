"""The editor set-ups in editors/ say what their editors read, and start the real command.

Helix and VS Code are not on the build machine: their files are checked as those editors
read them (Helix's languages.toml keys; the VS Code extension run under Node with stand-ins
for the `vscode` and `vscode-languageclient` modules). Neovim 0.11's `vim.lsp.config` file
is run by the Neovim there is, with `vim.lsp.config` and `enable` recording what they get.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import REPO

EDITORS = REPO / "editors"
NODE = shutil.which("node")
NVIM = shutil.which("nvim")

#: the keys Helix reads in a [language-server.NAME] table and in a [[language]] entry (helix-editor/helix,
#: book/src/languages.md); anything else is ignored or refused by Helix
HELIX_SERVER_KEYS = {"command", "args", "config", "timeout", "environment", "required-root-patterns"}
HELIX_LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots", "comment-token",
    "comment-tokens", "block-comment-tokens", "auto-format", "formatter", "diagnostic-severity", "grammar",
    "language-servers", "indent", "debugger", "auto-pairs", "text-width", "soft-wrap", "workspace-lsp-roots",
    "persistent-diagnostic-sources", "rulers",
}
#: language servers Helix defines itself (its own languages.toml): the file may name them without defining them
HELIX_BUILT_IN = {"yaml-language-server", "vscode-json-language-server"}


def test_the_server_command_the_set_ups_start_exists():
    script = os.path.join(os.path.dirname(sys.executable), "ivr-lint")  # what `ivr-lint` is after setup.sh
    done = subprocess.run([script, "server", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "language server" in done.stdout.lower()


def test_helix_languages_toml_has_the_keys_helix_reads():
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text(encoding="utf-8"))
    assert set(config) <= {"language-server", "language", "use-grammars"}
    servers = config["language-server"]
    assert servers["ivr-lint"]["command"] == "ivr-lint" and servers["ivr-lint"]["args"] == ["server"]
    for name, server in servers.items():
        assert set(server) <= HELIX_SERVER_KEYS, name
        assert isinstance(server["command"], str) and all(isinstance(a, str) for a in server.get("args", []))
    yaml = [language for language in config["language"] if language["name"] == "yaml"]
    assert len(yaml) == 1
    for language in config["language"]:
        assert set(language) <= HELIX_LANGUAGE_KEYS, language["name"]
        for entry in language.get("language-servers", []):
            name = entry if isinstance(entry, str) else entry["name"]
            assert name in servers or name in HELIX_BUILT_IN, name
    assert "ivr-lint" in yaml[0]["language-servers"]


def test_vscode_package_json_declares_what_the_extension_reads():
    manifest = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
    for key in ("name", "displayName", "version", "publisher", "engines", "main", "activationEvents", "contributes"):
        assert key in manifest, key
    assert manifest["engines"]["vscode"].startswith("^1.")
    assert (EDITORS / "vscode" / manifest["main"]).is_file()
    assert {"onLanguage:yaml", "onLanguage:json", "onLanguage:xml"} <= set(manifest["activationEvents"])
    properties = manifest["contributes"]["configuration"]["properties"]
    assert properties["ivr-lint.path"] == {**properties["ivr-lint.path"], "type": "string", "default": "ivr-lint"}
    assert properties["ivr-lint.onlyFlows"]["type"] == "boolean"
    assert "vscode-languageclient" in manifest["dependencies"]


STAND_INS = {
    "vscode/index.js": """
exports.workspace = { getConfiguration: (section) => ({ get: (key) => JSON.parse(process.env.SETTINGS)[section + "." + key] }) };
""",
    "vscode-languageclient/node.js": """
exports.LanguageClient = class {
  constructor(id, name, server, client) { this.seen = { id, name, server, client }; }
  start() { process.stdout.write(JSON.stringify(this.seen)); return Promise.resolve(); }
  stop() { return Promise.resolve(); }
};
""",
}


@pytest.mark.system
@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("settings, command, only_flows", [
    ({"ivr-lint.path": "ivr-lint", "ivr-lint.onlyFlows": False}, "ivr-lint", False),
    ({"ivr-lint.path": "/work/.venv/bin/ivr-lint", "ivr-lint.onlyFlows": True}, "/work/.venv/bin/ivr-lint", True),
])
def test_vscode_extension_starts_the_server_with_the_settings(tmp_path, settings, command, only_flows):
    modules = tmp_path / "node_modules"
    for path, text in STAND_INS.items():
        (modules / path).parent.mkdir(parents=True, exist_ok=True)
        (modules / path).write_text(text, encoding="utf-8")
    extension = EDITORS / "vscode" / "extension.js"
    script = f"require({json.dumps(str(extension))}).activate({{ subscriptions: [] }});"
    done = subprocess.run([NODE, "-e", script], capture_output=True, text=True, timeout=60,
                          env={"NODE_PATH": str(modules), "SETTINGS": json.dumps(settings), "PATH": ""})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["server"] == {"command": command, "args": ["server"]}
    assert seen["client"]["initializationOptions"] == {"onlyFlows": only_flows}
    assert {(s["scheme"], s["language"]) for s in seen["client"]["documentSelector"]} == {
        ("file", "yaml"), ("file", "json"), ("file", "xml")}


@pytest.mark.system
@pytest.mark.skipif(NVIM is None, reason="nvim is not installed")
def test_the_neovim_config_file_gives_vim_lsp_config_the_server(tmp_path):
    """Any Neovim runs the 0.11 file here: `vim.lsp.config` and `enable` record what they get."""
    script = tmp_path / "record.lua"
    script.write_text(f"""
local seen = {{}}
vim.lsp.config = function(name, config) seen.name = name; seen.config = config end
vim.lsp.enable = function(name) seen.enabled = name end
dofile("{EDITORS / 'neovim' / 'ivr_lint.lua'}")
io.stdout:write(vim.fn.json_encode(seen) .. "\\n")
vim.cmd("qa!")
""", encoding="utf-8")
    done = subprocess.run([NVIM, "--headless", "-u", "NONE", "-c", f"luafile {script}"], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["name"] == seen["enabled"] == "ivr_lint"
    assert seen["config"]["cmd"] == ["ivr-lint", "server"]
    assert set(seen["config"]["filetypes"]) == {"yaml", "json", "xml"}
    assert ".git" in seen["config"]["root_markers"]
