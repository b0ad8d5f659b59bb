"""The end-of-call summary stays one readable line when a caller goes round one menu."""

import json

from tests.conftest import run

FLOW = """\
ivr: 1
name: Standard
language: en-GB
start: welcome
nodes:
  welcome:
    type: play
    prompt: "Welcome."
    next: menu
  menu:
    type: menu
    prompt: "For an adviser, press 1."
    retries: 9
    options:
      "1": adviser
    on_max_retries: adviser
  adviser:
    type: queue
    queue: advisers
"""


def test_a_long_run_of_one_node_or_key_is_written_once_with_its_count(tmp_path):
    flow = tmp_path / "standard.yaml"
    flow.write_text(FLOW, encoding="utf-8")
    keys = ",".join(["timeout"] * 5 + ["9", "9", "1"])
    text = run("simulate", str(flow), "--keys", keys).stdout
    assert "Path:    welcome > menu (×8) > adviser" in text
    assert "Keys:    timeout (×5), 9, 9, 1" in text
    # what a script reads keeps every step
    transcript = json.loads(run("simulate", str(flow), "--keys", keys, "--format", "json").stdout)
    assert transcript["path"] == ["welcome"] + ["menu"] * 8 + ["adviser"]
    assert transcript["keys"] == ["timeout"] * 5 + ["9", "9", "1"]


def test_three_in_a_row_are_still_written_out(tmp_path):
    flow = tmp_path / "standard.yaml"
    flow.write_text(FLOW, encoding="utf-8")
    text = run("simulate", str(flow), "--keys", "timeout,timeout,1").stdout
    assert "Path:    welcome > menu > menu > menu > adviser" in text
    assert "Keys:    timeout, timeout, 1" in text
