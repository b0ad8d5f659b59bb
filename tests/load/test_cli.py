"""`ivr-lint load` as users run it: formats, targets and exit codes, --solve, --template, plots, imports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import FLOWS, REPO, run

pytest.importorskip("simpy")

CAF = str(FLOWS / "caf-gironde.traffic.yaml")
LEEDS = str(FLOWS / "council-tax-leeds.traffic.yaml")

SMALL = """\
interval: 30
period: {start: "2026-12-07", days: 1}
calls: {mon: {"09:00-10:00": 100}}
handling_time: {line: 180}
staff: {line: {mon: {"09:00-09:30": 14, "09:30-10:00": 9}}}
"""


def test_text_report_by_day_with_worst_intervals(traffic):
    result = run("load", str(traffic(SMALL)))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Load model of ") and "closed forms" in lines[0]
    assert lines[2].split()[:4] == ["day", "offered", "asked", "answered"]
    assert lines[3].split()[:5] == ["Mon", "2026-12-07", "200", "200", "190"]  # 9 agents answer 90 of 100
    worst = lines.index("Worst intervals:")
    assert lines[worst + 1].split()[:3] == ["Mon", "2026-12-07", "09:30"]  # 9 agents for 10 Erlangs
    assert lines[-1] == "No target given (use --target answer-rate=0.85)."


def test_json_carries_intervals_days_queues_and_the_published_example(traffic):
    code_result = run("load", str(traffic(SMALL)), "-f", "json")
    document = json.loads(code_result.stdout)
    assert document["engine"] == "closed" and document["interval_minutes"] == 30
    first = document["intervals"][0]
    assert (first["day"], first["start"], first["offered"]) == ("2026-12-07", "09:00", 100)
    # 100 calls per 30 min, 180 s, 14 agents: Erlang C's published example
    assert round(first["p_wait"], 4) == 0.1741 and round(first["asa"], 2) == 7.84
    assert round(first["service_level_20s"], 3) == 0.888 and round(first["occupancy"], 3) == 0.714
    assert document["queues"]["line"]["asked_for_agent"] == 200
    assert [d["day"] for d in document["days"]] == ["2026-12-07"]


def test_target_findings_and_exit_code(traffic):
    path = str(traffic(SMALL))
    result = run("load", path, "--target", "service-level=0.8@20s")
    assert result.exit_code == 1
    found = [line for line in result.stdout.splitlines() if "[below-target]" in line]
    assert len(found) == 1
    assert found[0].endswith("warning [below-target] Mon 2026-12-07 09:30: service level at 20s 0.0% at queue "
                             "'line', below service-level=0.8@20s: 9 agent(s) scheduled, 14 needed")
    assert ".traffic.yaml:7:16:" in found[0]  # the staff of that day
    assert result.stdout.splitlines()[-1] == "1 interval(s) below target service-level=0.8@20s."
    # 9 agents for 10 Erlangs answer at most 90 % of the calls, whoever waits
    assert run("load", path, "--target", "answer-rate=0.5").exit_code == 0
    assert run("load", path, "--target", "answer-rate=0.95").exit_code == 1


def test_solve_gives_the_agents_each_interval_needs(traffic):
    document = json.loads(run("load", str(traffic(SMALL)), "--solve", "--target", "service-level=0.8@20s",
                              "-f", "json").stdout)
    assert [i["agents_needed"] for i in document["intervals"]] == [14, 14]
    assert [i["agents"] for i in document["intervals"]] == [14, 9]


def test_bad_target_is_a_usage_error(traffic):
    result = run("load", str(traffic(SMALL)), "--target", "answer=0.8")
    assert result.exit_code == 2 and "use answer-rate=0.85 or service-level=0.8@20s" in result.stderr


def test_csv_has_one_row_per_interval(traffic):
    rows = list(csv.DictReader(io.StringIO(run("load", str(traffic(SMALL)), "-f", "csv").stdout)))
    assert [(r["day"], r["start"], r["offered"]) for r in rows] == [("2026-12-07", "09:00", "100"),
                                                                     ("2026-12-07", "09:30", "100")]
    assert rows[1]["asa"] == ""  # 9 agents, 10 Erlangs, nobody gives up: no finite answer


def test_markdown_report(traffic):
    text = run("load", str(traffic(SMALL)), "-f", "markdown", "--target", "service-level=0.8@20s").stdout
    assert text.startswith("## Load model of ")
    assert "| Mon 2026-12-07 | 200 | 200 | 190 |" in text
    assert "### Findings" in text and "**below-target**" in text


def test_report_file_is_written_whole(traffic, tmp_path):
    out = tmp_path / "report.json"
    result = run("load", str(traffic(SMALL)), "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["engine"] == "closed"


def test_simulation_is_seeded_and_reproducible(traffic):
    path = str(traffic(SMALL + "patience: {line: 120}\n"))
    first = run("load", path, "--simulate", "--replications", "2", "--jobs", "1", "--seed", "7", "-f", "json").stdout
    again = run("load", path, "--simulate", "--replications", "2", "--jobs", "2", "--seed", "7", "-f", "json").stdout
    other = run("load", path, "--simulate", "--replications", "2", "--jobs", "1", "--seed", "8", "-f", "json").stdout
    assert json.loads(first)["intervals"] == json.loads(again)["intervals"]
    assert json.loads(first)["intervals"] != json.loads(other)["intervals"]
    document = json.loads(first)
    assert document["engine"] == "simulation" and document["replications"] == 2
    assert set(document["confidence"]) >= {"answer_rate", "asa", "p_wait", "abandon_rate"}


def test_simulation_walks_the_flow_by_the_shares(traffic):
    flow = textwrap.dedent("""\
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "For information press 1. For an adviser press 2."
        options: {"1": info, "2": line}
        on_max_retries: line
      info: {type: play, prompt: "Everything is on our website.", next: bye}
      bye: {type: hangup}
      line: {type: queue}
    """)
    body = SMALL.replace("09:00-10:00\": 100", "09:00-10:00\": 1000") + "choices: {menu: {'1': 0.7, '2': 0.3}}\n"
    document = json.loads(run("load", str(traffic(body, flow=flow)), "--simulate", "--replications", "1",
                              "-f", "json").stdout)
    summary = document["summary"]
    assert summary["offered"] > 1800
    assert summary["information"] / summary["offered"] == pytest.approx(0.7, abs=0.04)
    assert summary["asked_for_agent"] / summary["offered"] == pytest.approx(0.3, abs=0.04)


def test_congestion_callbacks_and_voicemail_in_the_simulation(traffic):
    flow = textwrap.dedent("""\
    ivr: 1
    start: line
    nodes:
      line: {type: queue, congestion: busy, max_wait: 120, on_timeout: message}
      busy:
        type: menu
        prompt: "All advisers are busy. For a call back press 1. To hold press 2."
        options: {"1": callback, "2": line}
        on_max_retries: line
      callback: {type: callback, next: bye}
      message: {type: voicemail}
      bye: {type: hangup}
    """)
    body = textwrap.dedent("""\
    interval: 30
    period: {start: "2026-12-07", days: 1}
    calls: {mon: {"09:00-11:00": 150}}
    handling_time: {line: 300}
    staff: {line: {mon: {"09:00-12:00": 10}}}
    choices: {busy: {"1": 0.5, "2": 0.5}}
    congestion: {line: {queue_above: 3}}
    callbacks: {answered: 1.0, delay: 1800}
    """)
    summary = json.loads(run("load", str(traffic(body, flow=flow)), "--simulate", "--replications", "1",
                             "-f", "json").stdout)["summary"]
    assert summary["congestion_fired"] > 50
    assert summary["callbacks_requested"] > 20 and summary["callbacks_made"] > 0
    assert summary["voicemails"] > 0 and summary["timed_out"] == summary["voicemails"]


def test_template_lists_every_queue_menu_and_option_and_runs(tmp_path):
    out = tmp_path / "leeds.traffic.yaml"
    (tmp_path / "council-tax-leeds.yaml").write_text((FLOWS / "council-tax-leeds.yaml").read_text("utf-8"), "utf-8")
    result = run("load", str(tmp_path / "council-tax-leeds.yaml"), "--template", "-o", str(out), "--today",
                 "2026-12-01")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert 'flow: "council-tax-leeds.yaml"' in text and 'period: {start: "2026-12-07", days: 7}' in text
    for name in ("advisors", "recovery-agents", "main-menu", "payment-menu", "more-help", "recovery-busy",
                 "advisors-busy", "closed-menu", "account-number"):
        assert f"  {name}:" in text, name
    assert '    "4": 0.19  # Reminders and summonses' in text  # 95 % shared by the five announced options
    assert "  automated-payment:  # Automated payment line\n    failure: 0.0" in text
    assert '    "*": 0.0  # replay' in text
    ran = run("load", str(out), "-f", "json")
    assert ran.exit_code in (0, 1), ran.output
    assert json.loads(ran.stdout)["summary"]["offered"] > 0


def test_template_of_a_broken_flow_is_refused(write):
    path = write("ivr: 1\nstart: a\nnodes:\n  a: {type: play, next: b}\n")
    result = run("load", str(path), "--template")
    assert result.exit_code == 2 and "unknown-target" in result.stderr


def test_plots_are_valid_png_and_svg(traffic, tmp_path):
    pytest.importorskip("matplotlib")
    folder = tmp_path / "plots"
    path = str(traffic(SMALL + "patience: {line: 120}\n"))
    result = run("load", path, "--simulate", "--replications", "1", "--solve", "--plot", str(folder), "-f", "json")
    assert result.exit_code in (0, 1), result.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"{n}.{e}" for n in ("offered-answered", "wait-heatmap", "agents", "answer-rate")
                           for e in ("png", "svg"))
    for path in folder.glob("*.png"):
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width >= 600 and height >= 300
    import xml.etree.ElementTree as ET

    for path in folder.glob("*.svg"):
        assert ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_bundled_examples_run_and_flag_the_monday_peak():
    result = run("load", CAF, "--solve", "-f", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    days = {d["weekday"]: d for d in document["days"]}
    assert days["Mon"]["offered"] == max(d["offered"] for d in document["days"])
    below = [f for f in document["findings"] if f["rule"] == "below-target"]
    assert below and all(f["interval"] < "2026-12-09" for f in below)  # Monday and Tuesday only
    mornings = [i for i in document["intervals"] if i["weekday"] == "Mon" and "09:00" <= i["start"] < "12:00"]
    afternoons = [i for i in document["intervals"] if i["weekday"] == "Mon" and "13:30" <= i["start"] < "16:30"]
    assert min(i["offered"] for i in mornings) > max(i["offered"] for i in afternoons)
    leeds = run("load", LEEDS, "-f", "json")
    assert leeds.exit_code in (0, 1) and json.loads(leeds.stdout)["summary"]["offered"] > 5000


def test_a_plain_check_imports_no_load_library():
    code = ("import sys\nfrom ivr_lint.cli import main\n"
            "try:\n    main(['check', 'flows/'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('simpy', 'matplotlib', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_load_help_imports_no_heavy_library_either():
    code = ("import sys\nfrom ivr_lint.cli import main\n"
            "try:\n    main(['load', '--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('simpy', 'matplotlib', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_progress_bar_on_a_terminal_only(traffic):
    pexpect = pytest.importorskip("pexpect")
    path = str(traffic(SMALL))
    child = pexpect.spawn(sys.executable, ["-m", "ivr_lint", "load", path, "--simulate", "--replications", "1",
                                           "-f", "json"], cwd=str(REPO), timeout=60, encoding="utf-8")
    child.expect(r"simulating \[[#.]{30}\]")
    child.expect(pexpect.EOF)
    piped = subprocess.run([sys.executable, "-m", "ivr_lint", "load", path, "--simulate", "--replications", "1"],
                           cwd=REPO, capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0 and "simulating" not in piped.stderr + piped.stdout


def test_the_flow_inherits_its_hours_from_service_yaml(traffic, write):
    write("name: Example service\nhours:\n  timezone: Europe/Paris\n  weekly: {mon-fri: [\"09:00-17:00\"]}\n",
          "service.yaml")
    flow = textwrap.dedent("""\
    ivr: 1
    start: check
    nodes:
      check: {type: hours, open: line, closed: closed}
      closed: {type: hangup, prompt: "Nous sommes fermés."}
      line: {type: queue}
    """)
    body = textwrap.dedent("""\
    interval: 60
    period: {start: "2026-12-07", days: 1}
    calls: {mon: {"08:00": 30, "10:00": 40}}
    handling_time: {line: 120}
    staff: {line: {mon: {"10:00": 5}}}
    """)
    rows = {r["start"]: r for r in json.loads(run("load", str(traffic(body, flow=flow)), "-f", "json").stdout)
            ["intervals"]}
    assert rows["08:00"]["scenario"] == "closed" and rows["08:00"]["closed"] == 30
    assert rows["08:00"]["asked_for_agent"] == 0
    assert rows["10:00"]["scenario"] == "open" and rows["10:00"]["asked_for_agent"] == 40
