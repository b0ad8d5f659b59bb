"""`render --diff OLD`: the new flow drawn with what changed, in every format."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import run
from tests.diff.test_diff import git, needs_git

OLD = """\
ivr: 1
start: menu
nodes:
  menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0. Pour les horaires, tapez 1."
    options: {"0": agent, "1": info}
    on_max_retries: agent
  info: {type: play, prompt: "Nous sommes ouverts de 9h à 17h.", next: menu}
  agent: {type: queue}
"""
NEW = """\
ivr: 1
start: menu
nodes:
  menu:
    type: menu
    prompt: "Pour un conseiller, tapez 0. Pour laisser un message, tapez 2."
    options: {"0": agent, "2": vm}
    on_max_retries: agent
  vm: {type: voicemail, prompt: "Laissez un message."}
  agent: {type: queue}
"""


@pytest.fixture
def pair(write):
    return write(OLD, "old.yaml"), write(NEW, "new.yaml")


def test_text_tree_marks_added_changed_and_removed(pair):
    old, new = pair
    result = run("render", str(new), "--diff", str(old), "--ascii")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].endswith(
        f"since {old}: 1 added, 1 changed, 1 removed nodes (green added, orange changed, dashed red removed)")
    assert result.stdout.splitlines()[3:] == [
        '> menu [menu] "Pour un conseiller, tapez 0. Pour laisser..." ~ 5 s [~ changed]',
        "|-- 0 -> agent [queue]",
        '|-- (+ added) 2 -> vm [voicemail] "Laissez un message." ~ 1 s [+ added]',
        "|-- max retries -> agent (see above)",
        '`-- (- removed) 1 -> info [play] "Nous sommes ouverts de 9h à 17h." [- removed]',
        "    `-- (- removed) menu (see above)",
    ]


def test_without_change_nothing_is_marked(pair):
    _, new = pair
    plain = run("render", str(new)).stdout
    same = run("render", str(new), "--diff", str(new)).stdout
    assert same.splitlines()[3:] == plain.splitlines()[3:]
    assert "0 added, 0 changed, 0 removed nodes" in same.splitlines()[1]


def test_dot_and_mermaid_colour_the_changes(pair):
    old, new = pair
    dot = run("render", str(new), "--diff", str(old), "-f", "dot").stdout
    vm = next(line for line in dot.splitlines() if line.lstrip().startswith('"vm" '))
    assert 'color="#00C853"' in vm and "change-added" in vm
    info = next(line for line in dot.splitlines() if line.lstrip().startswith('"info" '))
    assert 'style="filled,dashed"' in info and 'color="#D50000"' in info and "change-removed" in info
    menu = next(line for line in dot.splitlines() if line.lstrip().startswith('"menu" '))
    assert 'color="#EF6C00"' in menu
    removed_edge = next(line for line in dot.splitlines() if '-> "info"' in line)
    assert 'style="dashed"' in removed_edge and "change-removed" in removed_edge
    mermaid = run("render", str(new), "--diff", str(old), "-f", "mermaid").stdout.splitlines()
    assert "  class vm change_added" in mermaid
    assert "  class menu change_changed" in mermaid
    assert "  class info change_removed" in mermaid
    assert any(line.startswith("  linkStyle ") and "#D50000" in line and "stroke-dasharray:6 4" in line
               for line in mermaid)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_every_image_format(pair, tmp_path, suffix, magic):
    old, new = pair
    out = tmp_path / f"diagram{suffix}"
    result = run("render", str(new), "--diff", str(old), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(magic)
    if suffix == ".svg":
        assert b"change&#45;added" in data and b"change&#45;removed" in data and b"#00c853" in data.lower()


def test_bad_old_side(pair, tmp_path):
    _, new = pair
    result = run("render", str(new), "--diff", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "--diff" in result.stderr and "no such file or git revision" in result.stderr
    result = run("render", str(tmp_path), "--diff", str(new), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "--diff compares one flow file" in result.stderr


@needs_git
def test_old_side_from_a_git_revision(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    flow = repo / "menu.yaml"
    flow.write_text(OLD, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "one")
    flow.write_text(NEW, encoding="utf-8")
    monkeypatch.chdir(repo)
    result = run("render", "menu.yaml", "--diff", "main")
    assert result.exit_code == 0, result.stderr
    assert "since main: 1 added, 1 changed, 1 removed nodes" in result.stdout.splitlines()[1]
