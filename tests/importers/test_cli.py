"""`ivr-lint import` as users run it."""

import os

from tests.conftest import run
from tests.importers.util import FIXTURES


def test_import_prints_yaml_and_a_report():
    result = run("import", str(FIXTURES / "connect_flow.json"))
    assert result.exit_code == 0
    assert result.stdout.startswith("# Imported by `ivr-lint import` from Amazon Connect")
    assert "\nstart: welcome\n" in result.stdout
    report = result.stderr.splitlines()
    assert report[0] == f"Imported {FIXTURES / 'connect_flow.json'} (amazon-connect, detected): 11 nodes"
    assert "Unknown from the export (3):" in report
    assert "  - busy (line 62): audio: audio prompt 'all-busy'" in report
    assert any(line.startswith("Warnings (1):") for line in report)


def test_import_writes_the_output_file_that_check_accepts(tmp_path):
    out = tmp_path / "flow.yaml"
    result = run("import", str(FIXTURES / "asterisk_ivr.conf"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"written to {out}" in result.stderr
    assert out.read_text().startswith("# Imported by `ivr-lint import` from Asterisk dialplan")
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".ivr-lint-")]
    check = run("check", "--select", "schema-error,unknown-target,duplicate-key", str(out))
    assert check.exit_code == 0, check.stdout


def test_from_forces_the_format_and_quiet_drops_the_report():
    result = run("import", "--from", "asterisk", "-q", str(FIXTURES / "asterisk_ivr.ael"))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "incoming-restart:" in result.stdout
    loud = run("import", "--from", "asterisk", str(FIXTURES / "asterisk_ivr.ael"))
    assert loud.stderr.startswith(f"Imported {FIXTURES / 'asterisk_ivr.ael'} (asterisk, --from; flow ")


def test_entry_for_asterisk():
    result = run("import", "--entry", "ivr-main", str(FIXTURES / "asterisk_ivr.conf"))
    assert result.exit_code == 0
    assert "\nstart: ivr-main-menu\n" in result.stdout
    bad = run("import", "--from", "voicexml", "--entry", "x", str(FIXTURES / "vxml_bank.vxml"))
    assert bad.exit_code == 2
    assert "--entry only applies to Asterisk" in bad.stderr


def test_bad_export_exits_2_with_the_place(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text((FIXTURES / "twilio_flow.json").read_text()[:500])
    result = run("import", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"ivr-lint: error: {broken}: cannot import: not valid JSON")
    assert "(the file looks truncated)" in result.stderr
    assert "line " in result.stderr and "Traceback" not in result.stderr


def test_wrong_format_and_missing_file():
    wrong = run("import", "--from", "twilio-studio", str(FIXTURES / "connect_flow.json"))
    assert wrong.exit_code == 2
    assert "not a Twilio Studio flow definition" in wrong.stderr
    missing = run("import", "no-such-export.json")
    assert missing.exit_code == 2
    assert "no-such-export.json: no such file" in missing.stderr


def test_standard_input(tmp_path):
    data = (FIXTURES / "genesys_inqueue.yaml").read_bytes()
    result = run("import", "-", input=data)
    assert result.exit_code == 0
    assert "Imported <stdin> (genesys-archy, detected; flow 'Queue offers'): 6 nodes" in result.stderr
