"""`audio` refuses what `render` and `simulate` refuse, and names its files within limits."""

from __future__ import annotations

import json
import os

from tests.conftest import run

LONG = "é" * 200  # 400 bytes in UTF-8: over the 255 a file name may have
FLOW = f"""\
ivr: 1
language: fr-FR
start: {LONG}
nodes:
  {LONG}: {{type: play, prompt: "Bonjour.", next: {LONG}x}}
  {LONG}x: {{type: hangup, prompt: "Au revoir."}}
"""


def test_long_node_ids_make_bounded_distinct_file_names(write, tmp_path, monkeypatch):
    monkeypatch.setenv("IVR_LINT_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "audio"
    result = run("audio", str(write(FLOW)), "-o", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["prompts"]
    names = [os.path.basename(row["file"]) for row in rows]
    assert [row["node"] for row in rows] == [LONG, LONG + "x"]
    assert len(set(names)) == 2
    assert all(len(name.encode()) <= 100 and name.startswith("é" * 40) and name.endswith(".wav") for name in names)
    assert sorted(os.listdir(out)) == sorted(names + ["durations.json"])


def test_a_flow_with_schema_errors_exits_2_and_writes_nothing(write, tmp_path):
    flow = write("""\
        ivr: 1
        start: hello
        nodes:
          hello: {type: play, prompt: "Bonjour.", next: bye, colour: red}
          bye: {type: hangup}
    """)
    out = tmp_path / "audio"
    result = run("audio", str(flow), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ivr-lint: error: cannot synthesise {flow}: 1 syntax or schema problem "
                                    f"(`ivr-lint check {flow}` reports the same)\n  {flow}:4:")
    assert "schema-error" in result.stderr
    assert not out.exists()
