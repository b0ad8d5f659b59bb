"""`ivr-lint check` as users and CI systems run it: formats, exit codes, selection, config."""

import json
import os

import pytest

from tests.conftest import MINIMAL, run, run_json

BROKEN = MINIMAL.replace('"0": agent', '"0": agnet')  # one error
WARNED = MINIMAL.replace("    on_max_retries: agent\n", "")  # one warning


def test_clean_flow_exits_0_with_a_summary(write):
    result = run("check", "--select", "structure", str(write(MINIMAL)))
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"


def test_text_output_line_format(write):
    path = write(BROKEN)
    result = run("check", "--select", "structure", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:7:20: error [unknown-target] option '0' leads to an unknown node 'agnet'; "
        "did you mean 'agent'? (node menu)",
        "Found 1 error in 1 file.",
    ]
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_colour_can_be_forced(write):
    assert "\x1b[" in run("check", "--select", "structure", "--color", str(write(BROKEN))).stdout


def test_json_output_fields(write):
    path = write(BROKEN)
    code, data = run_json("check", "--select", "structure", str(path))
    assert code == 1
    assert data == {"files": 1, "findings": [{
        "rule": "unknown-target", "code": "IVR004", "severity": "error",
        "message": "option '0' leads to an unknown node 'agnet'; did you mean 'agent'?",
        "file": str(path), "line": 7, "column": 20, "node": "menu", "scenario": None, "path": None,
    }], "service_sources": {str(path): {}}}


def test_github_annotations(write):
    path = write(BROKEN)
    result = run("check", "--select", "structure", "--format", "github", str(path))
    assert result.stdout == (f"::error file={path},line=7,col=20,title=unknown-target (IVR004)::"
                             "option '0' leads to an unknown node 'agnet'; did you mean 'agent'? (node menu)\n")


def test_sarif_is_sarif_2_1_0(write):
    path = write(BROKEN)
    result = run("check", "--select", "structure", "--format", "sarif", str(path))
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "ivr-lint"
    [entry] = run_["results"]
    assert driver["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"] == "IVR004"
    assert entry["level"] == "error"
    assert entry["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": path.as_uri()}, "region": {"startLine": 7, "startColumn": 20}}


def test_sarif_uris_are_valid_for_relative_names_with_spaces(write, tmp_path, monkeypatch):
    write(BROKEN, name="mes flows/menu été.yaml")
    monkeypatch.chdir(tmp_path)
    log = json.loads(run("check", "--select", "structure", "--format", "sarif", "mes flows/menu été.yaml").stdout)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "mes%20flows/menu%20%C3%A9t%C3%A9.yaml"


def test_sarif_validates_against_its_structure(write):
    jsonschema = pytest.importorskip("jsonschema")
    schema = {  # the parts of the SARIF 2.1.0 schema that code-scanning services require
        "type": "object", "required": ["version", "runs"],
        "properties": {"version": {"const": "2.1.0"}, "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool", "results"],
            "properties": {"results": {"type": "array", "items": {
                "type": "object", "required": ["message", "ruleId", "level", "locations"],
                "properties": {"level": {"enum": ["none", "note", "warning", "error"]},
                               "message": {"type": "object", "required": ["text"]}}}}}}}}}
    log = json.loads(run("check", "--select", "structure", "--format", "sarif", str(write(WARNED))).stdout)
    jsonschema.validate(log, schema)
    assert log["runs"][0]["results"][0]["level"] == "warning"


def test_warnings_do_not_fail_by_default_but_do_with_fail_on(write):
    path = str(write(WARNED))
    assert run("check", "--select", "structure", path).exit_code == 0
    assert run("check", "--select", "structure", "--fail-on", "warning", path).exit_code == 1


def test_select_and_ignore(write):
    path = str(write(BROKEN + "  extra: {type: hangup}\n"))
    _, data = run_json("check", "--select", "unreachable-node", path)
    assert [f["rule"] for f in data["findings"]] == ["unreachable-node"]
    _, data = run_json("check", "--select", "structure", "--ignore", "IVR004,unreachable-node", path)
    assert data["findings"] == []
    _, data = run_json("check", "--select", "structure", "--ignore", "IVR005", path)
    assert [f["rule"] for f in data["findings"]] == ["unknown-target"]


def test_unknown_selector_is_a_usage_error(write):
    result = run("check", "--select", "no-such-rule", str(write(MINIMAL)))
    assert result.exit_code == 2
    assert "'no-such-rule' matches no rule" in result.stderr


def test_inline_suppression_on_the_node_key_line(write):
    text = BROKEN.replace("  menu:\n", "  menu:  # ivr-lint: disable=unknown-target\n")
    assert run("check", "--select", "structure", str(write(text))).exit_code == 0
    other = BROKEN.replace("  menu:\n", "  menu:  # ivr-lint: disable=dead-end\n")
    assert run("check", "--select", "structure", str(write(other))).exit_code == 1


def test_pyproject_settings_are_found_walking_up(write, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.ivr-lint]\nignore = ["unknown-target"]\n')
    path = write(BROKEN, name="flows/sub/menu.yaml")
    assert run("check", "--select", "structure", str(path)).exit_code == 0


def test_per_rule_severity_override(write, tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text('[tool.ivr-lint.rules.missing-error-handling]\nseverity = "error"\n')
    path = str(write(WARNED))
    code, data = run_json("check", "--select", "structure", "--config", str(config), path)
    assert code == 1 and data["findings"][0]["severity"] == "error"


@pytest.mark.parametrize("content, message", [
    ('[tool.ivr-lint]\nselcet = ["dead-end"]\n', "unknown setting 'selcet'"),
    ('[tool.ivr-lint]\npreset = "lenient"\n', "unknown preset 'lenient'"),
    ('[tool.ivr-lint.rules.dead-end]\nseverity = "fatal"\n', "unknown severity 'fatal'"),
    ('[tool.ivr-lint.rules.dead-end]\nmax_depth = 3\n', "unknown option 'max_depth'"),
    ('[tool.ivr-lint.rules.nope]\n', "no rule named 'nope'"),
    ("[tool.ivr-lint\n", "invalid TOML"),
])
def test_bad_configuration_exits_2_with_its_file(write, tmp_path, content, message):
    config = tmp_path / "pyproject.toml"
    config.write_text(content)
    result = run("check", "--select", "structure", "--config", str(config), str(write(MINIMAL)))
    assert result.exit_code == 2
    assert message in result.stderr and str(config) in result.stderr
    assert result.stdout == ""


def test_stdin_is_read_with_dash(write):
    code, data = run_json("check", "--select", "structure", "-", "--stdin-filename", "menu.yaml", input=BROKEN)
    assert code == 1
    assert data["findings"][0]["file"] == "menu.yaml"
    result = run("check", "--select", "structure", "-", input=MINIMAL)
    assert result.exit_code == 0


def test_output_file_is_written_whole(write, tmp_path):
    out = tmp_path / "report.sarif"
    result = run("check", "--select", "structure", "--format", "sarif", "-o", str(out), str(write(BROKEN)))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()  # an ordinary file, not a private temp file
    assert [p for p in os.listdir(tmp_path) if p.startswith(".ivr-lint-")] == []


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_directory_is_searched_for_flows_only(write, tmp_path):
    write(MINIMAL, name="flows/a.yaml")
    write(BROKEN, name="flows/nested/b.yml")
    write("flow: ../a.yaml\njourneys: []\n", name="flows/a.journeys.yaml")
    code, data = run_json("check", "--select", "structure", str(tmp_path / "flows"))
    assert code == 1 and data["files"] == 2


def test_rules_and_rule_commands():
    listing = run("rules").stdout
    assert "IVR006  dead-end" in listing
    doc = run("rule", "dead-end")
    assert doc.exit_code == 0 and "## Use instead" in doc.stdout
    assert run("rule", "ivr006").stdout == doc.stdout
    missing = run("rule", "deadend")
    assert missing.exit_code == 2 and "no rule named 'deadend'" in missing.stderr


def test_schema_command_validates_the_bundled_flows():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from tests.conftest import FLOWS

    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    flows = sorted(p for p in FLOWS.glob("*.yaml") if not p.name.endswith((".journeys.yaml", ".traffic.yaml")))
    assert flows
    for path in flows:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load(MINIMAL.replace("on_max_retries", "on_max_retry"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_only_flows_skips_other_yaml_named_explicitly(write):
    other = write("jobs: {build: {runs-on: ubuntu}}\n", name="ci.yaml")
    flow = write(MINIMAL.replace('"0": agent', '"0": agnet'), name="menu.yaml")
    assert run("check", "--select", "structure", str(other)).exit_code == 1  # named explicitly: checked, and not a flow
    code, data = run_json("check", "--select", "structure", "--only-flows", str(other), str(flow))
    assert code == 1 and data["files"] == 1
    assert data["findings"][0]["rule"] == "unknown-target"


@pytest.mark.parametrize("setting", ["max_choices = -1", "max_prompt_seconds = nan", "known_acronyms = [1, 2]"])
def test_rule_options_are_validated(write, tmp_path, setting):
    rule = {"max_choices": "too-many-choices", "max_prompt_seconds": "long-prompt",
            "known_acronyms": "unclear-language"}[setting.split(" ")[0]]
    config = tmp_path / "settings.toml"
    config.write_text(f"[tool.ivr-lint.rules.{rule}]\n{setting}\n")
    result = run("check", "--config", str(config), str(write(MINIMAL)))
    assert result.exit_code == 2 and "option" in result.stderr


def test_junit_report_has_one_case_per_file(write, tmp_path):
    import xml.etree.ElementTree as ET

    bad, good = write(BROKEN, name="bad.yaml"), write(MINIMAL, name="good.yaml")
    result = run("check", "--select", "structure", "--format", "junit", str(bad), str(good))
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases[str(good)].find("failure") is None
    failure = cases[str(bad)].find("failure")
    assert failure.get("message") == "1 finding"
    assert f"{bad}:7:20: error [unknown-target]" in failure.text


def test_codeclimate_report_for_gitlab(write):
    path = write(WARNED)
    [issue] = json.loads(run("check", "--select", "structure", "--format", "codeclimate", str(path)).stdout)
    assert issue["check_name"] == "missing-error-handling" and issue["severity"] == "minor"
    assert issue["location"] == {"path": str(path), "lines": {"begin": 4, "end": 4}}
    assert len(issue["fingerprint"]) == 32
