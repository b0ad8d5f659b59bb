"""The importer API the other commands use: format detection, conversion, failures, unknown text."""

import pytest

from ivr_lint.importers import (FORMATS, ImportFailure, convert, detect_format, has_unknown_text, known_text,
                                unknown_text)
from tests.conftest import FLOWS
from tests.importers.util import FIXTURES, imported, load


@pytest.mark.parametrize("name, fmt", [
    ("connect_flow.json", "amazon-connect"),
    ("connect_wrapper.json", "amazon-connect"),
    ("connect_legacy.json", "amazon-connect"),
    ("twilio_flow.json", "twilio-studio"),
    ("genesys_inbound.yaml", "genesys-archy"),
    ("genesys_inqueue.yaml", "genesys-archy"),
    ("asterisk_ivr.conf", "asterisk"),
    ("asterisk_ivr.ael", "asterisk"),
    ("vxml_bank.vxml", "voicexml"),
])
def test_detect_format_of_each_fixture(name, fmt):
    assert detect_format((FIXTURES / name).read_bytes(), name) == fmt


def test_detect_format_leaves_our_own_flows_and_other_files_alone():
    for path in FLOWS.glob("*.yaml"):
        assert detect_format(path.read_bytes(), str(path)) is None
    assert detect_format(b'{"a": 1}', "x.json") is None
    assert detect_format(b"just some text\n", "notes.txt") is None
    assert detect_format(b"", "empty.yaml") is None


def test_detect_format_sees_a_truncated_export():
    data = (FIXTURES / "twilio_flow.json").read_bytes()[:400]
    assert detect_format(data, "cut.json") == "twilio-studio"


def test_every_format_has_a_module():
    assert set(FORMATS) == {"amazon-connect", "twilio-studio", "genesys-archy", "asterisk", "voicexml", "freeswitch"}


def test_result_fields():
    result = imported("connect_flow.json")
    assert result.format == "amazon-connect"
    assert result.yaml_text.startswith("# Imported by `ivr-lint import` from Amazon Connect")
    assert result.node_count == len(result.origin_ids) == 11
    assert result.origins["main-menu"] == (30, 5)
    assert result.origin_ids["main-menu"] == "GetParticipantInput main-menu"
    load(result)


@pytest.mark.parametrize("data, fmt, message, line", [
    (b'{"Version": "2019-10-30", "StartAction": "a", "Actions": [{"Identifier": "a",', None,
     "not valid JSON", 1),
    (b"", None, "is empty", None),
    (b"\x00\x01\x02binary", None, "binary content", None),
    (b"ivr: 1\nstart: a\nnodes: {}\n", None, "already an ivr-lint flow", None),
    (b"hello\n", None, "cannot tell which platform", None),
    (b'{"states": []}', "amazon-connect", "not an Amazon Connect flow", 1),
    (b'{"Actions": []}', "twilio-studio", "not a Twilio Studio flow", 1),
    (b"<vxml><menu>", "voicexml", "not well-formed XML", 1),
    (b"inboundCall:\n  name: [x\n", "genesys-archy", "not valid YAML", 3),
    (b"inboundEmail:\n  name: x\n", "genesys-archy", "not a voice flow", 1),
    (b"context x {\n  s => {\n    Dial(a;\n", "asterisk", "AEL", None),
])
def test_bad_exports_raise_import_failure(data, fmt, message, line):
    with pytest.raises(ImportFailure) as caught:
        convert(data, "export.ael" if fmt == "asterisk" else "export", fmt)
    assert message in str(caught.value)
    if line is not None:
        assert caught.value.line == line


def test_import_failure_names_the_element_and_place():
    failure = ImportFailure("bad thing", 3, 7, element="menu main")
    assert str(failure) == "bad thing (line 3, column 7; element menu main)"
    assert str(ImportFailure("plain")) == "plain"


def test_unknown_format_name():
    with pytest.raises(ImportFailure, match="unknown format 'lotus'"):
        convert(b"{}", "x.json", "lotus")


def test_a_cycle_of_steps_that_do_nothing_is_refused():
    data = b'''{"StartAction": "a", "Actions": [
      {"Identifier": "a", "Type": "UpdateContactAttributes", "Parameters": {}, "Transitions": {"NextAction": "b"}},
      {"Identifier": "b", "Type": "UpdateFlowLoggingBehavior", "Parameters": {},
       "Transitions": {"NextAction": "a"}}]}'''
    with pytest.raises(ImportFailure, match="cycle of steps") as caught:
        convert(data, "loop.json")
    assert caught.value.line == 2


def test_unexpected_value_types_give_a_failure_not_a_traceback():
    data = b'{"modules": [{"id": "m", "type": "PlayPrompt", "branches": 5, "parameters": 7}], "start": "m"}'
    result = convert(data, "odd.json")  # tolerated: nothing to read in branches or parameters
    assert "m" in result.origin_ids


def test_unknown_text_convention():
    text = f"Welcome. {unknown_text('audio prompt [x.wav]')} Press 1."
    assert text == "Welcome. [unknown: audio prompt (x.wav)] Press 1."
    assert has_unknown_text(text)
    assert known_text(text) == "Welcome. Press 1."
    assert not has_unknown_text("Press 1 [for sales].")
