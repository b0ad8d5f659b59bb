from tests.conftest import structure_config, MINIMAL, findings


def test_bad_indentation_is_reported_at_the_parser_position(write):
    path = write("""
        ivr: 1
        start: welcome
        nodes:
          welcome:
            type: play
            prompt: "Bienvenue"
             next: goodbye
    """)
    assert findings(path) == [("syntax-error", 7, 6)]


def test_tab_indentation_gets_a_hint(write, tmp_path):
    path = write(b"ivr: 1\nstart: a\nnodes:\n\ta: {type: hangup}\n")
    result = findings(path)
    assert result == [("syntax-error", 4, 1)]


def test_valid_flow_has_no_syntax_error(write):
    assert findings(write(MINIMAL), select="syntax-error") == []


def test_other_files_are_still_checked(write):
    broken = write("ivr: 1\nstart: [\n", name="a.yaml")
    other = write(MINIMAL.replace('"0": agent', '"0": nowhere'), name="b.yaml")
    from ivr_lint.engine import check_paths

    result = check_paths([str(broken), str(other)], structure_config())
    assert {(f.file.rsplit("/", 1)[-1], f.rule) for f in result.findings} >= {
        ("a.yaml", "syntax-error"), ("b.yaml", "unknown-target")}
