"""`ivr-lint simulate` scripted and in JSON: the call follows the format's semantics exactly."""

import json

import pytest

from tests.conftest import FLOWS, run
from tests.simulate.conftest import CHRISTMAS, EVENING, LINE, TUESDAY


def call(flow, *args):
    """Run a scripted call in JSON; returns (exit code, transcript)."""
    result = run("simulate", str(flow), "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def took(transcript):
    return [step["took"] for step in transcript["steps"]]


def test_scripted_text_transcript(line):
    result = run("simulate", line, "--at", TUESDAY, "--keys", "1,1234")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:11] == [
        "[welcome] Bonjour.",
        "[hours] (open: Tuesday 2026-12-01 10:00 Europe/Paris)",
        "[menu] Pour un conseiller, tapez 0. Pour un dossier, tapez 1. Pour réécouter, tapez étoile.",
        "  > 1",
        "[file-number] Tapez votre code à 4 chiffres.",
        "  > 1234",
        "  (code = 1234)",
        "[route] (code = '1234')",
        "[info] Votre dossier 1234 est en cours.",
        "[bye] Au revoir.",
        "",
    ]
    assert lines[11:14] == [
        "Outcome: hangup (ended at bye)",
        "Path:    welcome > hours > menu > file-number > route > info > bye",
        "Keys:    1, 1234",
    ]
    assert lines[14].startswith("Elapsed: 0:")
    assert "estimated from the prompt text at 150 words per minute" in lines[14]


def test_json_transcript_fields(line):
    code, t = call(line, "--at", TUESDAY, "--keys", "0")
    assert code == 0
    assert t["outcome"] == "agent" and t["end"] == "agents"
    assert t["path"] == ["welcome", "hours", "menu", "agents"]
    assert t["keys"] == ["0"]
    assert [(s["node"], s["type"], s["input"]) for s in t["steps"]] == [
        ("welcome", "play", None), ("hours", "hours", None), ("menu", "menu", "0"), ("agents", "queue", None)]
    assert t["steps"][2]["prompt"].startswith("Pour un conseiller")
    assert took(t) == ["welcome -[next]-> hours", "hours -[open]-> menu", "menu -[0]-> agents", None]
    assert t["elapsed_seconds"] == pytest.approx(sum(s["seconds"] for s in t["steps"]), abs=0.1)
    assert t["durations"] == "estimated"


def test_silence_waits_the_timeout_and_replays_twice_then_takes_on_max_retries(line):
    _, t = call(line, "--at", TUESDAY, "--keys", "")
    assert t["path"] == ["welcome", "hours", "menu", "menu", "menu", "agents"]
    assert t["keys"] == ["timeout", "timeout", "timeout"]
    assert took(t)[2:5] == ["menu -[no-input]-> menu", "menu -[no-input]-> menu", "menu -[max-retries]-> agents"]
    assert [s["note"] for s in t["steps"][2:5]] == [
        "no-input: replay (1 of 2 retries)", "no-input: replay (2 of 2 retries)",
        "no-input: 3 failed attempts, no retry left"]
    _, answered = call(line, "--at", TUESDAY, "--keys", "0")
    # a silent attempt lasts the prompt plus the 5 s timeout
    assert t["steps"][2]["seconds"] == pytest.approx(answered["steps"][2]["seconds"] + 5, abs=0.01)


def test_repeat_replays_without_counting_a_retry(line):
    _, t = call(line, "--at", TUESDAY, "--keys", "*,7,*,7,*,0")
    assert t["outcome"] == "agent"
    assert took(t)[2:8] == ["menu -[*]-> menu", "menu -[no-match]-> menu", "menu -[*]-> menu",
                            "menu -[no-match]-> menu", "menu -[*]-> menu", "menu -[0]-> agents"]


def test_flow_defaults_set_timeout_retries_and_on_max_retries(write):
    flow = write("""
        ivr: 1
        defaults: {timeout: 3, retries: 1, on_max_retries: bye}
        start: menu
        nodes:
          menu: {type: menu, prompt: "Tapez 1.", options: {"1": bye}}
          bye: {type: hangup}
    """)
    _, t = call(flow, "--keys", "timeout,9")
    assert t["path"] == ["menu", "menu", "bye"]
    assert took(t)[:2] == ["menu -[no-input]-> menu", "menu -[max-retries]-> bye"]
    _, silent = call(flow, "--keys", "1")
    assert t["steps"][0]["seconds"] == pytest.approx(silent["steps"][0]["seconds"] + 3, abs=0.01)


def test_without_on_max_retries_the_platform_hangs_up(write):
    flow = write("""
        ivr: 1
        start: menu
        nodes:
          menu: {type: menu, prompt: "Tapez 1.", options: {"1": agent}}
          agent: {type: queue}
    """)
    code, t = call(flow, "--keys", "")
    assert (code, t["outcome"], t["end"], t["path"]) == (0, "hangup", "menu", ["menu"] * 3)
    assert t["steps"][-1]["note"].endswith("no on_max_retries: the platform hangs up")


def test_a_spoken_word_selects_its_option_without_case_or_accents(line):
    for word in ("conseiller", "CONSEILLER", "demenagement"):
        _, t = call(line, "--at", TUESDAY, "--keys", word)
        assert (t["end"], t["keys"]) == ("agents", [word])
        assert t["steps"][2]["note"] == "understood as key 0"


def test_input_digits_validity_and_branch(line):
    _, t = call(line, "--at", TUESDAY, "--keys", "1,12,1234#")
    assert t["path"] == ["welcome", "hours", "menu", "file-number", "file-number", "route", "info", "bye"]
    assert took(t)[3:6] == ["file-number -[invalid]-> file-number", "file-number -[next]-> route",
                            "route -[case 1234]-> info"]
    assert t["steps"][6]["prompt"] == "Votre dossier 1234 est en cours."
    _, t = call(line, "--at", TUESDAY, "--keys", "1,9999")
    assert took(t)[4] == "route -[default]-> agents"


def test_congested_queue_diverts_once_then_the_caller_waits_for_a_person(line):
    _, t = call(line, "--at", TUESDAY, "--congested", "--keys", "0,2")
    assert (t["outcome"], t["end"]) == ("agent", "agents")
    assert t["path"] == ["welcome", "hours", "menu", "agents", "busy", "agents"]
    assert took(t)[3] == "agents -[congestion]-> busy"


def test_outcome_is_the_most_significant_end_callback_then_hangup(line):
    code, t = call(line, "--at", TUESDAY, "--congested", "--keys", "0,1")
    assert (code, t["outcome"], t["end"]) == (0, "callback", "bye")
    assert t["path"][-2:] == ["callback", "bye"]


def test_placeholders_are_filled(line):
    _, t = call(line, "--at", TUESDAY, "--congested", "--wait-minutes", "25", "--position", "4", "--keys", "0,2")
    assert t["steps"][4]["prompt"].startswith("Attente de 25 minutes, position 4.")
    _, t = call(line, "--at", EVENING, "--keys", "")
    assert t["steps"][2]["prompt"] == "Nous sommes ouverts du lundi au vendredi de 9h à 17h."


@pytest.mark.parametrize("at, branch, end_node", [
    (TUESDAY, "open", "menu"),
    (EVENING, "closed", "closed"),
    ("2026-12-05 10:00", "closed", "closed"),  # a Saturday
    (CHRISTMAS, "holiday", "holiday"),
    ("2026-12-24 10:00", "holiday", "holiday"),  # an exceptional closure of the schedule
    ("2026-12-01 09:00+00:00", "open", "menu"),  # 10:00 in Paris
])
def test_the_clock_decides_hours_nodes(line, at, branch, end_node):
    _, t = call(line, "--at", at, "--keys", "")
    assert took(t)[1] == f"hours -[{branch}]-> {end_node}"


def test_variables_set_with_var_drive_a_branch(write):
    flow = write("""
        ivr: 1
        start: route
        nodes:
          route: {type: branch, "on": segment, cases: {pro: pros}, default: all}
          pros: {type: hangup, prompt: "Espace professionnels, {segment}."}
          all: {type: hangup}
    """)
    _, t = call(flow, "--var", "segment=pro", "--keys", "")
    assert (t["path"], t["steps"][1]["prompt"]) == (["route", "pros"], "Espace professionnels, pro.")
    _, t = call(flow, "--keys", "")
    assert t["path"] == ["route", "all"] and t["steps"][0]["note"] == "segment is not set"


def test_unanswered_queue_and_transfer_take_their_fallbacks(line, write):
    _, t = call(line, "--at", TUESDAY, "--unanswered", "agents", "--keys", "0")
    assert (t["outcome"], took(t)[3]) == ("callback", "agents -[timeout]-> callback")
    flow = write("""
        ivr: 1
        start: pay
        nodes:
          pay: {type: transfer, number: "0113 222 4405", agent: false, on_failure: box}
          box: {type: voicemail, prompt: "Laissez un message."}
    """)
    assert call(flow, "--keys", "")[1]["outcome"] == "transfer"
    _, t = call(flow, "--unanswered", "all", "--keys", "")
    assert (t["outcome"], t["end"], took(t)[0]) == ("voicemail", "box", "pay -[failure]-> box")


def test_goto_continues_in_the_other_file(write):
    write("""
        ivr: 1
        id: sub
        start: hello
        nodes:
          hello: {type: play, prompt: "Sous-menu.", next: menu}
          menu: {type: menu, prompt: "Tapez 1.", options: {"1": agent}, on_max_retries: agent}
          agent: {type: queue}
    """, "sub.yaml")
    main = write("""
        ivr: 1
        id: main
        start: jump
        nodes:
          jump: {type: goto, flow: sub.yaml, node: menu}
    """, "main.yaml")
    _, t = call(main, "--keys", "1")
    assert t["path"] == ["jump", "sub:menu", "sub:agent"]
    assert took(t)[0] == "jump -[goto]-> sub:menu"
    assert [s["flow"] for s in t["steps"]] == ["main", "sub", "sub"]


def test_a_call_longer_than_max_steps_ends_as_a_loop(write):
    flow = write("""
        ivr: 1
        start: menu
        nodes:
          menu: {type: menu, prompt: "Tapez 1.", options: {"1": bye}, on_no_input: again, on_max_retries: bye}
          again: {type: play, prompt: "Je n'ai pas entendu.", next: menu}
          bye: {type: hangup}
    """)
    code, t = call(flow, "--max-steps", "20", "--keys", "")
    assert (code, t["outcome"], len(t["path"])) == (1, "loop", 20)
    assert run("simulate", str(flow), "--keys", "timeout,1").exit_code == 0


def test_end_of_input_hangs_up(line):
    result = run("simulate", line, "--at", TUESDAY, input="")
    assert result.exit_code == 0
    assert "  (the caller hangs up)" in result.stdout
    assert "Outcome: hangup (ended at menu)" in result.stdout


def test_terminal_mode_from_a_pipe(line):
    result = run("simulate", line, "--at", TUESDAY, input="7\n\nconseiller\n")
    assert result.exit_code == 0
    assert "  keys: 0 1 * · or say: conseiller, déménagement · Enter: silence" in result.stdout
    assert "Path:    welcome > hours > menu > menu > menu > agents" in result.stdout
    assert "Keys:    7, timeout, conseiller" in result.stdout


def test_bundled_flow_from_the_issue(tmp_path):
    _, t = call(FLOWS / "caf-gironde.yaml", "--at", "2026-12-01 10:00", "--congested", "--keys", "0,1")
    assert (t["outcome"], t["path"]) == ("callback", ["welcome", "check-hours", "main-menu", "advisors", "busy-menu",
                                                      "callback-request", "goodbye"])


# -- bad input: a clear message and exit code 2 ----------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--keys", "1,x!"], ("ivr-lint: error: --keys: answer 2: 'x!' is not an answer: use a key 0-9, * or #, "
                         "digits for an input, 'timeout' for silence, or a word a menu understands "
                         "(conseiller, déménagement)\n")),
    (["--keys", "1,,0"], "ivr-lint: error: --keys: answer 2 is empty: use 'timeout' for silence\n"),
    (["--keys", "bonjour"], "ivr-lint: error: --keys: answer 1: 'bonjour' is not an answer"),
    (["--keys", "12"], "ivr-lint: error: --keys: answer 1 ('12') reaches menu 'menu', which takes one key\n"),
    (["--at", "tomorrow"], "ivr-lint: error: --at: cannot read the time 'tomorrow': use 'YYYY-MM-DD HH:MM'"),
    (["--at", "2026-13-01 10:00"], "ivr-lint: error: --at: cannot read the time '2026-13-01 10:00': month must"),
    (["--var", "oops"], "ivr-lint: error: --var 'oops': use NAME=VALUE"),
    (["--unanswered", "menu"], "ivr-lint: error: --unanswered 'menu': no queue or transfer has this id (known: agents)"),
])
def test_bad_options_exit_2_with_a_clear_message(line, args, message):
    result = run("simulate", line, "--at", TUESDAY, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


def test_a_flow_check_rejects_is_refused(write):
    flow = write(LINE.replace('"1": file-number', '"1": file-numbr'), "broken.yaml")
    result = run("simulate", str(flow), "--keys", "0")
    assert result.exit_code == 2
    assert result.stderr == (
        f"ivr-lint: error: cannot simulate {flow}: `ivr-lint check` reports errors; fix them first:\n"
        f"{flow}:20:12: unknown-target: option '1' leads to an unknown node 'file-numbr'; "
        "did you mean 'file-number'?\n")


def test_missing_file_and_directory(tmp_path):
    missing = run("simulate", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "nope.yaml" in missing.stderr
    folder = run("simulate", str(tmp_path))
    assert folder.exit_code == 2


def test_unanswered_queue_without_on_timeout_is_abandoned(write):
    """Nobody answers and the queue has no on_timeout: the caller waits until they hang up."""
    flow = write("""
        ivr: 1
        start: agents
        nodes:
          agents: {type: queue, prompt: "Un conseiller va vous répondre."}
    """)
    code, t = call(flow, "--unanswered", "all", "--keys", "")
    assert (code, t["outcome"], t["end"]) == (0, "abandoned", "agents")
    assert "stays in the queue until they hang up" in t["steps"][-1]["note"]
    assert "a person answers" not in t["steps"][-1]["note"]
    assert call(flow, "--keys", "")[1]["outcome"] == "agent"
    text = run("simulate", str(flow), "--unanswered", "all", "--keys", "").stdout
    assert "a person answers" not in text and "hang up" in text


def test_transfer_without_a_number_says_so(write):
    flow = write("""
        ivr: 1
        start: pay
        nodes:
          pay: {type: transfer, agent: true}
    """)
    text = run("simulate", str(flow), "--keys", "").stdout
    assert "transferred (number unknown)" in text and "None" not in text
