"""Fuzz properties of the commands that read flows: check, render, simulate, journeys.

Flows come from strategies.py (valid, one mutation away, hostile). Each property runs the
command line in-process and holds for every input: exit 0, 1 or 2 and no traceback, the
exit code that the findings call for, outputs that parse, no control character in what a
person reads, and diagrams with exactly the shape of the flow's plain twin.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.fuzz import oracles as o
from tests.fuzz import strategies as s
from tests.fuzz.conftest import examples

STRUCTURAL = {"syntax-error", "schema-error"}


def write(case: s.FlowCase, folder: str, text: str | None = None, name: str | None = None) -> str:
    path = Path(folder) / (name or case.file_name)
    path.write_bytes((case.text if text is None else text).encode("utf-8", "surrogatepass"))
    (Path(folder) / s.OTHER_FLOW).write_text(s.OTHER_FLOW_TEXT, encoding="utf-8")
    return str(path)


def check_json(path: str, *extra: str) -> tuple[o.Run, dict]:
    run = o.invoke("check", path, "-f", "json", *extra)
    return run, o.parse_json(run)


def broken(report: dict) -> bool:
    return any(f["rule"] in STRUCTURAL for f in report["findings"])


# -- check ---------------------------------------------------------------------------------
@settings(max_examples=examples(3))
@given(case=s.any_flows(), fmt=st.sampled_from(["text", "sarif", "junit", "github", "codeclimate"]),
       fail_on=st.sampled_from(["error", "warning", "info"]))
@example(case=s.FlowCase("near", "ivr: 1\nstart: a\nnodes:\n  a: {type: input, variable: x, digits: .nan}\n", {}),
         fmt="text", fail_on="error")
@example(case=s.FlowCase("near", "ivr: 1\nstart: a\nnodes: &n\n  a: {type: hangup}\n  <<: *n\n", {}),
         fmt="junit", fail_on="info")
def test_check_exit_code_agrees_with_findings(case, fmt, fail_on):
    """`check` exits 1 iff a finding is at or above --fail-on, whatever the format; never 2
    on a readable file; JSON, SARIF and Code Climate parse as JSON, JUnit as XML."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(case, folder)
        run, report = check_json(path, "--fail-on", fail_on)
        assert run.code == (1 if o.failing(report["findings"], fail_on) else 0), run.where()
        if case.schema_valid:
            assert not broken(report), f"a flow the format accepts got {report['findings'][:3]}\n{case.text[:2000]}"
        other = o.invoke("check", path, "-f", fmt, "--fail-on", fail_on)
        assert other.code == run.code, other.where()
        if fmt in ("sarif", "codeclimate"):
            o.parse_json(other)
        elif fmt == "junit":
            o.parse_xml(other)
        elif fmt == "github":
            assert all(line.startswith("::") for line in other.stdout.splitlines()), other.where()


@settings(max_examples=examples(1))
@given(case=st.one_of(s.hostile_flows(), s.near_flows()))
def test_check_text_shows_control_characters_escaped(case):
    with tempfile.TemporaryDirectory() as folder:
        o.assert_readable(o.invoke("check", write(case, folder)))


def test_check_stdin_and_missing_file_exit_2_only_for_input_errors(tmp_path):
    """The 2 of `check` is for paths it cannot read; a bad flow on stdin is a finding (1)."""
    assert o.invoke("check", str(tmp_path / "missing.yaml")).code == 2
    run = o.invoke("check", "-", input=b"ivr: 1\nstart: [\n")
    assert run.code == 1 and "syntax-error" in run.stdout, run.where()


# -- render --------------------------------------------------------------------------------
def render(path: str, fmt: str, *extra: str) -> o.Run:
    return o.invoke("render", path, "-f", fmt, "-o", "-", "--no-legend", *extra)


@settings(max_examples=examples(2))
@given(case=st.one_of(s.hostile_flows(), s.valid_flows()), fmt=st.sampled_from(["dot", "mermaid", "svg"]),
       clusters=st.sampled_from(["none", "branches", "auto"]))
@example(case=s.FlowCase("hostile", "ivr: 1\nname: '<b>, URL=\"javascript:alert(document.cookie)\", target=\"_top\","
                                    " x=<b>'\nstart: welcome\nnodes:\n  welcome: {type: play, prompt: \"Bonjour.\","
                                    " next: bye}\n  bye: {type: hangup}\n", {},
                         twin_text="ivr: 1\nname: t\nstart: n0\nnodes:\n  n0: {type: play, prompt: t, next: n1}\n"
                                   "  n1: {type: hangup}\n"), fmt="svg", clusters="none")
@example(case=s.FlowCase("hostile", "ivr: 1\nname: \"a\\n---\\ntitle: x\\n%%{init: {}}%%\"\nstart: w\nnodes:\n"
                                    "  w: {type: hangup}\n", {},
                         twin_text="ivr: 1\nname: t\nstart: n0\nnodes:\n  n0: {type: hangup}\n"),
         fmt="mermaid", clusters="none")
@example(case=s.FlowCase("hostile", "ivr: 1\nname: 'n&#x1b;'\nstart: w\nnodes:\n  w: {type: play, label: 'L&#x1b;', "
                                    "prompt: 'x &#27; &lt;', next: b}\n  b: {type: hangup}\n", {},
                         twin_text="ivr: 1\nname: t\nstart: n0\nnodes:\n  n0: {type: play, label: t, prompt: t, "
                                   "next: n1}\n  n1: {type: hangup}\n"), fmt="svg", clusters="none")
def test_diagram_has_the_shape_of_the_plain_twin(case, fmt, clusters):
    """No text of a flow (id, name, label, prompt, case value, file name) adds, removes or
    joins a node, an edge, an attribute, a link or an image in DOT, SVG or Mermaid."""
    with tempfile.TemporaryDirectory() as folder:
        hostile = render(write(case, folder), fmt, "--clusters", clusters)
        plain = render(write(case, folder, case.twin_text, "flow.yaml"), fmt, "--clusters", clusters)
    assert plain.code == 0, plain.where()
    assert hostile.code == 0, hostile.where()
    if fmt == "svg":
        got, want = o.svg_shape(hostile.stdout), o.svg_shape(plain.stdout)
        assert got["image"] == 0
        assert got["links"] <= want["links"], got["links"] - want["links"]
        assert {k: got[k] for k in ("node", "edge", "cluster")} == {k: want[k] for k in ("node", "edge", "cluster")}
    elif fmt == "dot":
        got, labels = o.dot_skeleton(hostile.stdout)
        want, _ = o.dot_skeleton(plain.stdout)
        assert got == want, "\n".join(sorted(set(got) ^ set(want))[:20])
        for label in labels:
            o.assert_safe_html_label(label)
        assert "\x00" not in hostile.stdout
    else:
        assert o.mermaid_skeleton(hostile.stdout) == o.mermaid_skeleton(plain.stdout), hostile.stdout[:3000]


@settings(max_examples=examples(1.5))
@given(case=s.any_flows(), fmt=st.sampled_from(["dot", "mermaid", "text"]))
def test_render_draws_what_check_accepts(case, fmt):
    """`render` exits 0 or 2 (never 1) and draws every flow without syntax or schema errors."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(case, folder)
        _, report = check_json(path, "--select", "structure")
        run = render(path, fmt)
    assert run.code in (0, 2), run.where()
    if not any(f["rule"] in STRUCTURAL | {"duplicate-key"} for f in report["findings"]):
        assert run.code == 0, run.where()


@settings(max_examples=examples(1))
@given(case=s.hostile_flows())
def test_render_text_shows_control_characters_escaped(case):
    with tempfile.TemporaryDirectory() as folder:
        run = render(write(case, folder), "text")
    assert run.code == 0, run.where()
    o.assert_readable(run)


# -- simulate --------------------------------------------------------------------------------
def simulate(path: str, keys: list[str], *extra: str) -> o.Run:
    return o.invoke("simulate", path, "--keys", ",".join(keys) or "timeout", "--at", "2026-12-01 10:00", *extra)


@settings(max_examples=examples(1.5))
@given(case=s.any_flows())
def test_simulate_json_parses_and_exit_code_tells_the_outcome(case):
    """`simulate -f json` prints a transcript that parses when it exits 0 (the call ended) or 1
    (it looped); 2 is for a flow check rejects or a key the menu cannot take."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(case, folder)
        run = simulate(path, case.keys, "-f", "json")
        if run.code in (0, 1):
            transcript = o.parse_json(run)
            assert (transcript["outcome"] == "loop") == (run.code == 1), run.where()
        else:
            assert run.stderr.strip(), run.where()
            assert run.stdout.strip() == "", run.where()


@settings(max_examples=examples(1))
@given(case=s.hostile_flows())
def test_simulate_text_shows_control_characters_escaped(case):
    with tempfile.TemporaryDirectory() as folder:
        o.assert_readable(simulate(write(case, folder), case.keys))


# -- journeys --------------------------------------------------------------------------------
@settings(max_examples=examples(1))
@given(case=s.any_flows())
def test_journeys_are_a_journey_file_or_exit_2(case):
    """`journeys` writes YAML that parses, with comments free of control characters, or exits 2."""
    with tempfile.TemporaryDirectory() as folder:
        run = o.invoke("journeys", write(case, folder), "--since", "2026-12-01")
    if run.code == 0:
        document = yaml.safe_load(run.stdout)
        assert isinstance(document, dict) and isinstance(document.get("journeys"), list), run.where()
        o.assert_readable(run)
    else:
        assert run.code == 2, run.where()
        o.assert_readable(run, stdout=False)


# -- what an error says --------------------------------------------------------------------------
@settings(max_examples=examples(1))
@given(case=s.near_flows())
def test_error_messages_show_control_characters_escaped(case):
    """Error messages on standard error (render and simulate refusing a flow) are readable."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(case, folder)
        for run in (render(path, "dot"), simulate(path, case.keys, "-f", "json")):
            o.assert_readable(run, stdout=False)
