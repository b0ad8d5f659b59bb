"""Bad input never yields a traceback: one clear message, file:line:column, the documented exit code."""

import os

import pytest

import ivr_lint.loading.source as source_module
from tests.conftest import MINIMAL, dedent, run, run_json


def only_finding(*args, input=None):
    code, data = run_json("check", "--select", "structure", *args, input=input)
    assert len(data["findings"]) == 1, data["findings"]
    finding = data["findings"][0]
    return code, finding["rule"], finding["line"], finding["column"], finding["message"]


def test_empty_file(write):
    code, rule, line, column, message = only_finding(str(write("")))
    assert (code, rule, line, column) == (1, "schema-error", 1, 1)
    assert message.startswith("empty file")


def test_directory_without_flows(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    result = run("check", "--select", "structure", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"ivr-lint: error: {tmp_path}: no flow files found (YAML files with a top-level `ivr:` key)\n"


def test_binary_content(write):
    code, rule, line, column, message = only_finding(str(write(b"ivr: 1\n\x00\x01\x02PNG")))
    assert (code, rule, line, column) == (1, "syntax-error", 2, 1)
    assert "binary content" in message


def test_non_utf8_content_points_at_the_byte(write):
    data = "ivr: 1\nname: é\n".encode("latin-1")
    code, rule, line, column, message = only_finding(str(write(data)))
    assert (code, rule, line, column) == (1, "syntax-error", 2, 7)
    assert "not valid UTF-8 (byte 0xe9)" in message


def test_bom_and_crlf_are_accepted_with_exact_positions(write):
    data = b"\xef\xbb\xbf" + MINIMAL.replace('"0": agent', '"0": agnet').replace("\n", "\r\n").encode()
    code, rule, line, column, _ = only_finding(str(write(data)))
    assert (code, rule, line, column) == (1, "unknown-target", 7, 20)


def test_tabs_get_a_hint(write):
    code, rule, line, column, message = only_finding(str(write(b"ivr: 1\nstart: a\nnodes:\n\ta: {type: hangup}\n")))
    assert (code, rule, line, column) == (1, "syntax-error", 4, 1)
    assert message.endswith("YAML does not allow tabs for indentation: use spaces")


@pytest.mark.parametrize("text, what", [("- ivr: 1\n- start: a\n", "a list"), ("42\n", "a number")])
def test_list_or_scalar_instead_of_a_mapping(write, text, what):
    code, rule, line, column, message = only_finding(str(write(text)))
    assert (code, rule, line, column) == (1, "schema-error", 1, 1)
    assert message == f"a flow must be a mapping of fields (ivr, start, nodes...), not {what}"


def _laughs(levels: int = 12) -> str:
    lines = ['l0: &l0 "ha"']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines)


@pytest.mark.parametrize("where", ["prompt", "unknown"])
def test_aliases_that_would_expand_hugely_are_not_expanded(write, where):
    anchors = "\n".join("  " + line for line in _laughs().splitlines())
    text = "x-anchors:\n" + anchors + "\n" + MINIMAL.replace("    type: queue", f"    type: queue\n    {where}: *l11")
    code, data = run_json("check", "--select", "structure", str(write(text)))
    assert code == 1
    assert {f["rule"] for f in data["findings"]} == {"schema-error"}


def test_deep_nesting_is_refused_before_composing(write):
    depth = 300  # a long comment makes the cheap bound suspicious, so depth is measured
    text = "# " + "-" * 30_000 + "\nivr: 1\nx: " + "[" * depth + "]" * depth + "\n"
    code, rule, line, column, message = only_finding(str(write(text)))
    assert (code, rule, line, column) == (1, "syntax-error", 3, 203)
    assert message == "nesting deeper than 200 levels: not a flow file"


@pytest.mark.parametrize("style", ["flow", "block"])
def test_the_deepest_file_composed_without_a_thread_is_checked(write, style):
    # a file whose cheap depth bound (longest line + brackets) is just under the one composed
    # where it is read, with no thread with a large stack: 990 levels of one or the other style
    depth = 990
    if style == "flow":
        text = "ivr: 1\nx:\n" + " [\n" * depth + " ]\n" * depth
    else:
        text = "ivr: 1\nx:\n" + "".join(" " * level + "- \n" for level in range(depth))
    code, data = run_json("check", "--select", "structure", str(write(text)))
    assert code == 1
    assert {f["rule"] for f in data["findings"]} == {"schema-error"}


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "ivr: 1\nx: " + "[" * 100_000 + "]" * 100_000])
def test_very_deep_nesting_is_a_syntax_error_not_a_crash(write, text):
    code, rule, line, column, message = only_finding(str(write(text + "\n")))
    assert (code, rule) == (1, "syntax-error")
    assert "nesting" in message


def test_a_20_mb_file_is_read_quickly_or_refused_by_the_size_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"ivr: 1\n" + b"# padding\n" * 2_000_000)  # 20 MB
    code, data = run_json("check", "--select", "structure", str(big))  # under the 32 MiB default: checked like any flow
    assert code == 1
    assert [(f["rule"], f["line"], f["message"]) for f in data["findings"]] == [
        ("schema-error", 1, "missing required field `nodes` (node id -> node)"),
        ("schema-error", 1, "missing required field `start` (the id of the first node)"),
    ]
    result = run("check", "--select", "structure", "--max-file-size", "10000000", str(big))
    assert result.exit_code == 2
    assert result.stderr == (f"ivr-lint: error: {big}: file is 19.1 MiB, over the 9.5 MiB limit "
                             "(raise it with --max-file-size or max-file-size in [tool.ivr-lint])\n")
    assert result.stdout == "Nothing was checked (1 error above).\n"


def test_missing_file_other_files_still_checked(write, tmp_path):
    missing = tmp_path / "nope.yaml"
    result = run("check", "--select", "structure", str(missing), str(write(MINIMAL)))
    assert result.exit_code == 2
    assert result.stderr == f"ivr-lint: error: {missing}: no such file\n"
    assert result.stdout == "No finding in the 1 file checked; the check is incomplete (1 error above).\n"


def test_unreadable_file(write, monkeypatch):
    path = write(MINIMAL)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: make the read itself fail as it would for a user
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(source_module, "open", refuse, raising=False)
    result = run("check", "--select", "structure", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"ivr-lint: error: {path}: permission denied\n"


def test_goto_cycle_between_two_files_terminates_with_one_finding_each(write, tmp_path):
    write("ivr: 1\nstart: go\nnodes:\n  go: {type: goto, flow: b.yaml}\n", name="a.yaml")
    write("ivr: 1\nstart: back\nnodes:\n  back: {type: goto, flow: a.yaml}\n", name="b.yaml")
    code, data = run_json("check", "--select", "structure", str(tmp_path))
    assert code == 1
    assert [(os.path.basename(f["file"]), f["rule"]) for f in data["findings"]] == [
        ("a.yaml", "trap-loop"), ("b.yaml", "trap-loop")]


def test_goto_that_escapes_the_tree(write, tmp_path):
    write(MINIMAL, name="outside.yaml")
    write("ivr: 1\nstart: go\nnodes:\n  go: {type: goto, flow: ../outside.yaml}\n", name="team/flow.yaml")
    code, rule, line, column, message = only_finding(str(tmp_path / "team"))
    assert (code, rule, line, column) == (1, "unknown-target", 4, 26)
    assert "leaves the checked directory tree" in message
    assert run("check", "--select", "structure", str(tmp_path)).exit_code == 0  # checking the parent includes both


def test_several_documents_in_one_file(write):
    code, rule, line, column, message = only_finding(str(write(MINIMAL + "---\nivr: 1\n")))
    assert (code, rule, line) == (1, "syntax-error", 11)
    assert message == "several YAML documents in one file: put one flow per file"


def test_python_tags_are_never_constructed(write):
    text = MINIMAL.replace('"Pour un conseiller, tapez 0."', "!!python/object/apply:os.system ['echo hacked']")
    code, data = run_json("check", "--select", "structure", str(write(text)))
    assert all(f["rule"] in ("syntax-error", "schema-error") for f in data["findings"])


def test_depth_bound_skips_brackets_in_quotes_and_comments():
    from ivr_lint.loading.yamlparse import _flow_depth_bound

    assert _flow_depth_bound('a: "[[[" # [[[[\nb: [[x]]\nc: l\'après [ok]\nd: \'{{\'\n') == 2
    assert _flow_depth_bound("a: [" + "[" * 50 + "]" * 51 + "\n") == 51
    assert _flow_depth_bound('a: "unterminated [[[\n') >= 0  # never raises


def _doubling_merges(levels: int) -> str:
    """Each anchor merges the previous one twice: 2**levels entries if expanded naively."""
    lines = ["ivr: 1", "start: a", "m0: &m0 {a: {type: hangup}}"]
    lines += [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, levels)]
    return "\n".join(lines + [f"nodes: *m{levels - 1}"]) + "\n"


def test_merges_that_double_at_each_level_are_applied_once(write):
    code, data = run_json("check", "--select", "structure", str(write(_doubling_merges(30))))
    assert code == 1  # the m0..m29 keys are not flow fields; node `a` is read once, through 29 merges
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("schema-error", line) for line in range(3, 33)]
    assert all(f["message"].startswith(f"unknown field 'm{f['line'] - 3}' in the flow") for f in data["findings"])


def test_merges_that_copy_too_much_are_one_finding_at_the_merge(write):
    # each anchor merges the previous one and adds a key: quadratic, and over the budget
    lines = ["ivr: 1", "start: a", "big: &c0 {" + ", ".join(f"k{i}: v" for i in range(2000)) + "}"]
    lines += [f"c{j}: &c{j} {{z{j}: 1, <<: *c{j - 1}}}" for j in range(1, 2000)]
    code, rule, line, column, message = only_finding(str(write("\n".join(lines) + "\n")))
    assert (code, rule) == (1, "syntax-error")
    assert message == "merge keys (`<<`) expand to too many entries for a flow file (a merge bomb?)"
    assert 4 <= line <= 2002 and column == lines[line - 1].index("<<") + 1


@pytest.mark.parametrize("text, line, column", [
    ("ivr: 1\nstart: a\nnodes: &n {a: {type: hangup}, <<: *n}\n", 3, 31),
    ("ivr: 1\nstart: a\nnodes: &n\n  a: {type: hangup}\n  b: &b {type: play, next: a, <<: [*b]}\n", 5, 31),
])
def test_a_recursive_merge_is_refused_at_its_merge_key(write, text, line, column):
    code, rule, found_line, found_column, message = only_finding(str(write(text)))
    assert (code, rule, found_line, found_column) == (1, "syntax-error", line, column)
    assert message.startswith("`<<` merges a mapping that contains this one (a recursive merge)")


def test_merged_fields_count_like_written_ones(write):
    path = write("""
        ivr: 1
        start: menu
        nodes:
          menu: &menu
            type: menu
            prompt: "Pour un conseiller, tapez 0."
            options: {"0": agent}
            on_max_retries: agent
          evening:
            <<: *menu
            on_max_retries: bye
          agent: &end {type: queue}
          bye: {<<: *end, type: hangup, prompt: "Au revoir."}
    """)
    code, data = run_json("check", "--select", "structure", str(path))
    # the type comes through the merge; a key the node gives itself wins, and is no repeated key
    assert [(f["rule"], f["line"], f["column"]) for f in data["findings"]] == [("unreachable-node", 9, 3),
                                                                              ("unreachable-node", 13, 3)]
    from tests.conftest import structure_config
    from ivr_lint.engine import check_paths

    flow = next(iter(check_paths([str(path)], structure_config()).project.files.values())).flow
    assert (flow.nodes["evening"].type, flow.nodes["evening"].on_max_retries) == ("menu", "bye")
    assert flow.nodes["bye"].type == "hangup"


def test_a_merge_of_a_text_is_a_schema_error_at_the_value(write):
    code, rule, line, column, message = only_finding(str(write(MINIMAL.replace("    type: queue",
                                                                                 "    type: queue\n    <<: oops"))))
    assert (code, rule, line, column) == (1, "schema-error", 11, 9)
    assert message == "`<<` in node `agent` must merge a mapping, not 'oops'"


@pytest.mark.parametrize("value", ["1000000000", ".nan", ".inf", "{min: .inf}", "{min: 2, max: 1e9}", "-3", "2.7"])
def test_absurd_digit_counts_are_refused_before_any_journey_is_generated(write, value):
    path = write(dedent("""
        ivr: 1
        start: ask
        nodes:
          ask: {type: input, variable: account, digits: DIGITS, next: agent, on_max_retries: agent}
          agent: {type: queue}
    """).replace("DIGITS", value))
    result = run("journeys", str(path))
    assert result.exit_code == 2
    assert f"{path}:4:" in result.stderr and "schema-error: `" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
