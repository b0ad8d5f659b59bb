"""`ivr-lint render` as users run it: formats, outputs, errors, directories. Graphviz is only
needed by the tests that write svg/png/pdf, and each of those lays out one small flow."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from tests.conftest import FLOWS, MINIMAL, run
from tests.render.conftest import generated_flow

CAF = str(FLOWS / "caf-gironde.yaml")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def test_render_is_listed():
    assert "render" in run("--help").stdout


def test_default_is_the_text_tree_on_stdout():
    result = run("render", CAF)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["CAF de la Gironde – accueil téléphonique 3230", "caf-gironde.yaml · 20 nodes"]
    assert lines[3].startswith("☎ welcome [play] “Bienvenue")
    assert "    ├── open → main-menu [menu · Menu principal] “Pour un paiement" in result.stdout
    assert "│   ├── 0 · Conseiller → advisors [queue · Conseillers 3230" in result.stdout


def test_ascii_tree():
    result = run("render", CAF, "--ascii")
    assert result.exit_code == 0
    assert "    |-- open -> main-menu [menu - Menu principal] \"Pour un paiement" in result.stdout
    assert not set("├└│→“”…≈☎") & set(result.stdout)


@pytest.mark.parametrize("name, start", [("out.dot", 'digraph "caf-gironde" {'), ("out.gv", "digraph"),
                                         ("out.mmd", "---\ntitle:"), ("out.txt", "CAF de la Gironde")])
def test_format_from_the_extension(tmp_path, name, start):
    out = tmp_path / name
    result = run("render", CAF, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert out.read_text(encoding="utf-8").startswith(start)


def test_format_option_and_stdout():
    result = run("render", CAF, "--format", "mermaid", "-o", "-")
    assert result.exit_code == 0
    assert "flowchart TB" in result.stdout and "classDef t_menu" in result.stdout
    assert run("render", CAF, "-f", "dot").stdout.startswith("digraph")


def test_no_legend():
    assert "hours check</FONT>" in run("render", CAF, "-f", "dot").stdout
    assert "hours check</FONT>" not in run("render", CAF, "-f", "dot", "--no-legend").stdout
    assert "subgraph legend" not in run("render", CAF, "-f", "mermaid", "--no-legend").stdout


@pytest.mark.parametrize("args, message", [
    (["-o", "x.svg", "--format", "png"], "--format png does not match the extension of x.svg (svg)"),
    (["-o", "x.jpeg"], "cannot tell the format from 'x.jpeg'"),
    (["--format", "png"], "png is a binary format: write it to a file with -o FILE.png"),
    (["--scenario", "lunch"], "--scenario: unknown scenario 'lunch'"),
    (["--scenario", "open", "--at", "2026-12-01 10:00"], "--scenario and --at both choose the scenario"),
    (["--at", "tomorrow"], "--at: expected a date and time such as '2026-12-01 10:00'"),
])
def test_usage_errors(tmp_path, args, message):
    os.chdir(tmp_path)
    result = run("render", CAF, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("ivr-lint: error: " + message)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_path():
    result = run("render", "no-such-flow.yaml")
    assert (result.exit_code, result.stderr) == (2, "ivr-lint: error: no-such-flow.yaml: no such file\n")


@pytest.mark.parametrize("text, where", [
    ("ivr: 1\nstart: a\nnodes:\n  a: {type: hangup, colour: red}\n", ":4:21: schema-error: unknown field 'colour'"),
    ("ivr: 1\nstart: a\nnodes: [\n", ":4:1: syntax-error: "),
    ("", ":1:1: schema-error: empty file"),
])
def test_invalid_flows_stop_with_the_loader_findings(write, tmp_path, text, where):
    path = write(text)
    out = tmp_path / "out.dot"
    result = run("render", str(path), "-o", str(out))
    assert result.exit_code == 2
    first, second = result.stderr.splitlines()[:2]
    assert first.startswith(f"ivr-lint: error: cannot draw {path}: 1 syntax or schema problem "
                            f"(`ivr-lint check {path}` reports the same")
    assert second.startswith(f"  {path}{where}")
    assert "Traceback" not in result.stderr and not out.exists()


def test_standard_input():
    result = run("render", "-", input=MINIMAL)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "<stdin> · 2 nodes"
    assert result.stdout.splitlines()[3:] == [
        "☎ menu [menu] “Pour un conseiller, tapez 0.” ≈ 2 s",
        "├── 0 → agent [queue]",
        "└── max retries → agent (see above)",
    ]


def test_at_picks_the_scenario_from_the_schedule():
    holiday = run("render", CAF, "--at", "2026-12-25 10:00")
    assert holiday.exit_code == 0
    assert "scenario: holiday (Fri 2026-12-25 10:00 Europe/Paris, " in holiday.stdout
    tree = holiday.stdout.split("\n\n")[1]
    assert "└── holiday → holiday-message" in tree and "main-menu" not in tree
    assert holiday.stdout.split("\n\n")[2].startswith("Not met in scenario holiday (16):")
    open_ = run("render", CAF, "--at", "2026-12-01T10:00")  # a Tuesday
    assert "scenario: open (Tue 2026-12-01 10:00 Europe/Paris)" in open_.stdout
    closed = run("render", CAF, "--at", "2026-12-01 20:00+01:00")
    assert "scenario: closed" in closed.stdout


def test_at_needs_hours(write):
    result = run("render", str(write(MINIMAL)), "--at", "2026-12-01 10:00")
    assert result.exit_code == 2
    assert "has no `hours` schedule, so --at cannot pick a scenario" in result.stderr


def test_missing_dot_is_explained_and_text_formats_still_work(monkeypatch, tmp_path):
    import ivr_lint.render.image as image

    monkeypatch.setattr(image.shutil, "which", lambda name: None)
    out = tmp_path / "caf.svg"
    result = run("render", CAF, "-o", str(out))
    assert result.exit_code == 2
    assert "apt-get install graphviz" in result.stderr
    assert "The formats dot, mermaid and text work without it." in result.stderr
    assert not out.exists()
    assert run("render", CAF, "-o", str(tmp_path / "caf.dot")).exit_code == 0


@needs_dot
def test_a_failed_layout_leaves_the_previous_file_untouched(monkeypatch, tmp_path):
    import ivr_lint.render.image as image

    out = tmp_path / "caf.svg"
    out.write_text("previous")

    def broken(source, fmt):
        raise image.LayoutError("dot failed: out of memory")

    monkeypatch.setattr(image, "render_image", broken)
    result = run("render", CAF, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"ivr-lint: error: {CAF}: dot failed: out of memory\n"
    assert out.read_text() == "previous" and [p.name for p in tmp_path.iterdir()] == ["caf.svg"]


def test_directory_renders_every_flow_and_reports_the_bad_ones(tmp_path):
    flows = tmp_path / "flows"
    (flows / "sub").mkdir(parents=True)
    (flows / "good.yaml").write_text(MINIMAL)
    (flows / "sub" / "other.yaml").write_text(MINIMAL)
    (flows / "bad.yaml").write_text("ivr: 1\nstart: a\nnodes: [\n")
    (flows / "notes.yaml").write_text("title: not a flow\n")  # no `ivr:` key: left alone
    out = tmp_path / "out"
    result = run("render", str(flows), "-o", str(out), "--format", "mermaid")
    assert result.exit_code == 2
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.mmd")) == ["good.mmd", "sub/other.mmd"]
    assert f"ivr-lint: error: cannot draw {flows / 'bad.yaml'}" in result.stderr
    assert result.stdout == f"Rendered 2 flows into {out} (mermaid); 1 could not be drawn.\n"


def test_directory_needs_an_output_directory(tmp_path):
    assert "give an output directory with -o DIR" in run("render", str(FLOWS)).stderr
    result = run("render", str(FLOWS), "-o", str(tmp_path / "all.svg"))
    assert result.exit_code == 2 and "-o names a directory" in result.stderr


def test_progress_bar_on_a_terminal(monkeypatch, tmp_path):
    import ivr_lint.cli.render as command

    monkeypatch.setattr(command, "_stderr_is_terminal", lambda: True)
    result = run("render", str(FLOWS), "-o", str(tmp_path), "--format", "dot")
    assert result.exit_code == 0
    assert "Rendering" in result.stderr
    assert len(list(tmp_path.glob("*.dot"))) == 7


def test_lint_overlay_in_text(write):
    path = write(MINIMAL.replace('"0": agent', '"0": agent, "1": agnet'))
    config = write('[tool.ivr-lint]\nselect = ["unknown-target"]\n', "pyproject.toml")
    result = run("render", str(path), "--lint", "--config", str(config))
    assert result.exit_code == 0  # findings are drawn, not turned into an exit code
    assert "☎ menu [menu] “Pour un conseiller, tapez 0.” ≈ 2 s ✖ unknown-target" in result.stdout
    assert "├── 1 → agnet [missing node]" in result.stdout
    assert "lint: 1 error" in result.stdout


def test_follow_in_text():
    result = run("render", str(FLOWS / "mairie-nantes.yaml"), "--follow")
    goto = "etat-civil [goto · → mairie-nantes-etat-civil.yaml › etat-civil-menu]"
    assert f"│   ├── 1 · État civil → {goto}" in result.stdout
    assert ("│   │   └── goto → mairie-nantes-etat-civil::etat-civil-menu [menu · État civil]"
            in result.stdout)


def test_mermaid_warns_past_its_edge_limit(tmp_path):
    path = generated_flow(tmp_path / "big.yaml", 200)
    result = run("render", str(path), "-f", "mermaid")
    assert result.exit_code == 0
    assert "Mermaid renderers (GitHub's too) draw at most 500 by default: use svg" in result.stderr


def test_scenario_with_a_named_schedule():
    result = run("render", str(FLOWS / "prefecture-rhone.yaml"), "--scenario", "open[etrangers]+congested", "-f", "dot")
    assert result.exit_code == 0
    assert "scenario: open[etrangers&#93;+congested" in result.stdout  # ']' is an entity in HTML labels


def test_output_files_get_ordinary_permissions(tmp_path):
    out = tmp_path / "caf.dot"
    assert run("render", CAF, "-o", str(out)).exit_code == 0
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # not the 0600 of a temporary file
    out.chmod(0o640)
    assert run("render", CAF, "-o", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode


def test_lint_in_a_directory_counts_each_flows_own_findings(tmp_path):
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "good.yaml").write_text(MINIMAL)
    (flows / "broken.yaml").write_text(MINIMAL.replace('"0": agent', '"0": agent, "1": agnet'))
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.ivr-lint]\nselect = ["unknown-target"]\n')
    out = tmp_path / "out"
    result = run("render", str(flows), "-o", str(out), "-f", "text", "--lint", "--config", str(config))
    assert result.exit_code == 0, result.stderr
    assert (out / "good.txt").read_text().splitlines()[1] == "good.yaml · 2 nodes · lint: no problems"
    assert (out / "broken.txt").read_text().splitlines()[1] == "broken.yaml · 2 nodes · lint: 1 error"


def test_scenario_schedule_must_exist():
    result = run("render", CAF, "--scenario", "open[etrangers]")
    assert result.exit_code == 2
    assert "has no schedule 'etrangers' for --scenario (its schedules: none)" in result.stderr


def test_lint_header_notes_take_their_severity_colour(write):
    """Findings tied to no node are listed in the header: errors in red, warnings in orange."""
    path = write("""
        ivr: 1
        start: hello
        nodes:
          hello: {type: play, prompt: "Bonjour.", next: bye}
          bye: {type: hangup}
        """)
    result = run("render", str(path), "--lint", "-f", "dot")
    assert result.exit_code == 0, result.stderr
    notes = re.findall(r'<FONT POINT-SIZE="9" COLOR="(#[0-9A-F]+)">(error|warning) \[([a-z-]+)&#93;', result.stdout)
    assert ("#D50000", "error", "no-agent-path") in notes
    assert ("#F57C00", "warning", "missing-service-info") in notes
    assert {color for color, severity, _ in notes if severity == "error"} == {"#D50000"}
    assert {color for color, severity, _ in notes if severity == "warning"} == {"#F57C00"}


def test_transfer_facts_in_the_text_tree(write):
    path = write("""
        ivr: 1
        start: menu
        nodes:
          menu:
            type: menu
            prompt: "Tapez 1 ou 2."
            options: {"1": partner, "2": line}
            on_max_retries: line
          partner: {type: transfer, label: continues at Partner.vxml, agent: false}
          line: {type: transfer, number: "0113 222 4405", agent: false}
        """)
    out = run("render", str(path)).stdout
    assert "partner [transfer · continues at Partner.vxml · no agent]" in out
    assert "line [transfer · → 0113 222 4405 (no agent)]" in out
    assert "·  " not in out and "· (" not in out


BROKEN = """
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Tapez 1 ou 2."
        options: {"1": info, "2": bye}
        timeout: -3
        on_max_retries: bye
      info: {type: play, prompt: "Premier.", next: bye}
      info: {type: play, prompt: "Second.", next: bye}
      bye: {type: hangup}
    """


def test_lint_draws_a_flow_with_schema_errors_and_marks_them(write):
    """The flow a user most wants to see: drawn as far as it reads (YAML keeps the last
    duplicate), the node with a schema error marked red, the file-level error in the header."""
    path = write(BROKEN)
    result = run("render", str(path), "--lint", "-f", "dot")
    assert result.exit_code == 0, result.stderr
    menu = next(line for line in result.stdout.splitlines() if line.startswith('  "menu" ['))
    assert "lint-error" in menu and 'color="#D50000"' in menu and "✖ schema-error" in menu
    assert '“Second.”' in result.stdout and '“Premier.”' not in result.stdout
    assert re.search(r'COLOR="#D50000">error \[duplicate-key&#93; line 11:', result.stdout)
    tree = run("render", str(path), "--lint")
    assert "☎ menu [menu] “Tapez 1 ou 2.” ≈ 2 s ✖ schema-error" in tree.stdout
    assert "error [duplicate-key] line 11: key 'info' is repeated" in tree.stdout


def test_without_lint_a_flow_with_schema_errors_is_refused(write):
    path = write(BROKEN)
    result = run("render", str(path))
    assert result.exit_code == 2
    assert "`--lint` draws what can be read, errors marked" in result.stderr
    assert f"{path}:8:14: schema-error:" in result.stderr


@pytest.mark.parametrize("text", ["ivr: 1\nstart: a\nnodes: {a: [\n", "- just\n- a list\n", "ivr: 1\nnodes: {}\n"])
def test_lint_still_refuses_what_gives_no_flow(write, text):
    path = write(text)
    result = run("render", str(path), "--lint")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ivr-lint: error: cannot draw {path}:")
    assert result.stdout == ""


def test_a_long_chain_draws_as_a_text_tree_without_recursion_or_a_square_output(tmp_path):
    """3,000 play nodes in a row: every node drawn once, indentation capped so the size stays linear."""
    nodes = "".join(f"  p{i}: {{type: play, prompt: \"Message {i}.\", next: p{i + 1}}}\n" for i in range(3000))
    flow = tmp_path / "chain.yaml"
    flow.write_text(f"ivr: 1\nstart: p0\nnodes:\n{nodes}  p3000: {{type: hangup}}\n", encoding="utf-8")
    result = run("render", str(flow), "-f", "text")
    assert result.exit_code == 0, result.output
    drawn = [line for line in result.stdout.splitlines() if "[play" in line]
    assert len(drawn) == 3000
    assert max(len(line) for line in result.stdout.splitlines()) < 400
    assert "deeper levels are drawn at this indent" in result.stdout
