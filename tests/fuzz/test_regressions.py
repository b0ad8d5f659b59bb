"""What the fuzz campaign found, kept as plain tests (each names the input that broke)."""

from __future__ import annotations

import yaml

from tests.conftest import run


def test_journey_file_keeps_ids_with_controls_and_line_breaks_exact(write):
    """C1 controls, DEL and NEL/LS in an id were written raw into the journey YAML (which
    then did not load), and a line break in an id ended a `#` comment and wrote YAML."""
    odd = "desk\x95\x7f\u2028x"
    path = write(f"""
        ivr: 1
        start: welcome
        nodes:
          welcome:
            type: menu
            prompt: "Pour un conseiller, tapez 0."
            options: {{"0": "{odd.encode('unicode_escape').decode()}"}}
            on_max_retries: "line\\nbreak: [x]"
          "{odd.encode('unicode_escape').decode()}": {{type: queue}}
          "line\\nbreak: [x]": {{type: hangup}}
        """)
    result = run("journeys", str(path), "--since", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    document = yaml.safe_load(result.stdout)
    ends = {journey["expect"]["end"] for journey in document["journeys"]}
    assert ends == {odd, "line\nbreak: [x]"}
    comments = [line for line in result.stdout.splitlines() if not line.startswith(("flow:", "journeys:", "  "))]
    assert all(line.startswith("#") for line in comments), comments


def test_journey_file_of_a_flow_no_call_can_cover_lists_no_journey(write):
    """`journeys:` with nothing under it read back as null, not as an empty list."""
    path = write("""
        ivr: 1
        start: a
        nodes:
          a: {type: hangup}
        """)
    result = run("journeys", str(path), "--since", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(result.stdout)["journeys"] == []


def test_error_messages_show_control_characters_as_escapes(write):
    """`ivr-lint: error: ...` quoted a node id with its ESC and BEL raw (an OSC title)."""
    path = write('ivr: 1\nstart: "\\e]0;pwned\\a"\nnodes:\n  a: {type: hangup}\n')
    result = run("simulate", str(path), "--keys", "1")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned\\x07" in result.stderr


def test_check_help_states_the_file_size_limit_the_code_applies(write):
    """The help said 10 MiB while 32 MiB files were read; a file one byte over is refused."""
    from ivr_lint.loading.source import DEFAULT_MAX_FILE_SIZE

    mib = DEFAULT_MAX_FILE_SIZE // 2**20
    assert f"(default {mib} MiB)" in " ".join(run("check", "--help").stdout.split())
    path = write("ivr: 1\n" + "#" * 40 + "\n")
    over = run("check", str(path), "--max-file-size", str(path.stat().st_size - 1))
    assert over.exit_code == 2 and "limit" in over.stderr


def test_svg_of_a_text_holding_an_entity_reference_is_well_formed_xml(write):
    """`&#x1b;` in a name, label or prompt went through dot into the SVG as a character
    reference XML forbids: the file did not open. It is text, and reads back as written."""
    import xml.etree.ElementTree as ET

    path = write("""
        ivr: 1
        name: "Accueil &#x1b; &#27;"
        start: welcome
        nodes:
          welcome: {type: play, label: "A &amp; B", prompt: "Bonjour &#x1b;", next: bye}
          bye: {type: hangup}
        """)
    result = run("render", str(path), "-f", "svg", "-o", "-")
    assert result.exit_code == 0, result.stderr
    root = ET.fromstring(result.stdout)
    tooltips = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("title")]
    assert "Accueil &#x1b; &#27;" in tooltips
    assert any("A &amp; B" in t for t in tooltips)
