"""Neovim as a client: the diagnostics it holds are the findings of `ivr-lint check`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, run_json

NVIM = shutil.which("nvim")
pytestmark = [pytest.mark.system, pytest.mark.skipif(NVIM is None, reason="nvim is not installed")]


def nvim_version() -> tuple[int, int]:
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    match = re.search(r"v(\d+)\.(\d+)", first)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def test_headless_neovim_shows_the_findings_of_check(tmp_path):
    flow = tmp_path / "menu.yaml"
    shutil.copy(REPO / "examples" / "broken-menu.yaml", flow)
    env = dict(os.environ, IVR_LINT_SERVER=f"{sys.executable} -m ivr_lint server", XDG_CACHE_HOME=str(tmp_path))
    done = subprocess.run([NVIM, "--headless", "-u", "NONE", "-c", f"luafile {REPO / 'editors/neovim/capture.lua'}",
                           str(flow)], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    shown = sorted(re.findall(r"^menu\.yaml:(\d+):(\d+): \w+ \[([\w-]+)\]", done.stdout, re.M))
    _, report = run_json("check", str(flow))
    assert shown == sorted((str(f["line"]), str(f["column"]), f["rule"]) for f in report["findings"])
    assert "menu.yaml:15:12: error [unknown-target] option '0' leads to an unknown node 'agnet'" in done.stdout


@pytest.mark.skipif(NVIM is None or nvim_version() < (0, 11), reason="vim.lsp.config needs Neovim 0.11+")
def test_the_documented_neovim_config_attaches(tmp_path):
    flow = tmp_path / "menu.yaml"
    shutil.copy(REPO / "examples" / "broken-menu.yaml", flow)
    script = tmp_path / "check.lua"
    script.write_text(f"""
dofile("{REPO / 'editors/neovim/ivr_lint.lua'}")
vim.lsp.config("ivr_lint", {{ cmd = {{ "{sys.executable}", "-m", "ivr_lint", "server" }} }})
vim.cmd("edit {flow}")
vim.bo.filetype = "yaml"
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
io.stdout:write(#vim.diagnostic.get(0) .. "\\n")
vim.cmd("qa!")
""")
    done = subprocess.run([NVIM, "--headless", "-u", "NONE", "-l", str(script)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert int(done.stdout.strip().splitlines()[-1]) > 0
