"""Service findings that claim only what the flow says: numbers typed, unknown audio, flow kinds, callbacks."""

from __future__ import annotations

from ivr_lint.findings import Severity

# -- slow-agent-path ---------------------------------------------------------------------------

# a dial-by-extension menu as an export gives it: key 1, then the rest of the extension, no prompt
EXTENSIONS = """\
ivr: 1
language: en-US
start: main
nodes:
  main:
    type: menu
    prompt: "For sales press 2. If you know your party's extension, dial it now."
    options: {"1": ext, "2": sales}
    on_max_retries: sales
  ext:
    type: input
    variable: extension
    digits: {min: 3, max: 3}
    next: person
    timeout: 4
    digit_timeout: 4
    on_max_retries: main
  person: {type: transfer, agent: true, label: "the extension dialled"}
  sales: {type: queue}
"""


def test_an_extension_typed_after_a_key_is_two_answers_not_four(lint):
    assert lint(EXTENSIONS, "slow-agent-path")[0] == []
    # silence at main until its retries run out reaches sales with no key at all
    assert lint(EXTENSIONS, "slow-agent-path", max_agent_keys=0)[0] == []
    no_silence = EXTENSIONS.replace("on_max_retries: sales", "on_max_retries: main-bye").replace(
        '"1": ext, "2": sales', '"1": ext').replace("  sales: {type: queue}", '  main-bye: {type: hangup}')
    found, [finding] = lint(no_silence, "slow-agent-path", max_agent_keys=1)
    assert finding.message.startswith("reaching a person needs at least 2 key presses (a number typed counts as "
                                      "one) (limit 1)")
    assert "(key 1 at main; digits at ext): main -> ext -> person" in finding.message
    assert finding.extra == {"seconds": finding.extra["seconds"], "keys": 2}


UNKNOWN_MENUS = """\
ivr: 1
language: fr-FR
start: m1
nodes:
  m1: {type: menu, prompt: "[unknown: sound file 'accueil.wav']", options: {"1": m2}, on_max_retries: bye}
  m2: {type: menu, prompt: "[unknown: sound file 'menu2.wav']", options: {"1": m3}, on_max_retries: bye}
  m3: {type: menu, prompt: "[unknown: sound file 'menu3.wav']", options: {"1": m4}, on_max_retries: bye}
  m4: {type: menu, prompt: "[unknown: sound file 'menu4.wav']", options: {"1": agent}, on_max_retries: bye}
  agent: {type: queue}
  bye: {type: hangup, prompt: "Au revoir."}
"""


def test_a_way_made_only_of_unknown_audio_has_no_seconds_figure(lint):
    found, [finding] = lint(UNKNOWN_MENUS, "slow-agent-path")
    assert found == [("slow-agent-path", 3, 8, None)]
    assert finding.message.startswith("reaching a person needs at least 4 key presses (limit 3), and that way takes "
                                      "an unknown time (the prompts of m1, m2, m3 ... last an unknown time) (key 1 "
                                      "at m1; ")
    assert " 0 s" not in finding.message
    assert finding.extra == {"seconds": None, "seconds_at_least": 0.0, "unknown_length": ["m1", "m2", "m3", "m4"],
                             "keys": 4}


def test_known_words_around_unknown_audio_are_a_lower_bound(lint):
    text = UNKNOWN_MENUS.replace(""""[unknown: sound file 'menu4.wav']\"""",
                                 '"Pour un conseiller, tapez 1. [unknown: sound file \'menu4.wav\']"')
    [finding] = lint(text, "slow-agent-path")[1]
    assert "and that way takes at least 2 s (the prompts of m1, m2, m3 ... last an unknown time)" in finding.message
    assert finding.extra["seconds"] is None and finding.extra["seconds_at_least"] == 2.0
    # the seconds limit: unknown audio may be long or short, so it is reported only when the known part passes it
    assert lint(text, "slow-agent-path", max_agent_keys=9, max_agent_seconds=30.0)[0] == []
    found, [finding] = lint(text, "slow-agent-path", max_agent_keys=9, max_agent_seconds=1.0)
    assert finding.message.startswith("the fastest way to a person takes at least 2 s of prompts and waiting "
                                      "(limit 1 s) (the prompts of m1, m2, m3 ... last an unknown time), with 4 key")


# -- short-timeout -----------------------------------------------------------------------------

def test_an_input_that_continues_typed_digits_has_one_gap(lint):
    text = EXTENSIONS.replace("timeout: 4\n    digit_timeout: 4", "timeout: 2\n    digit_timeout: 2")
    found, [finding] = lint(text, "short-timeout")
    assert found == [("short-timeout", 16, 20, "ext")]  # digit_timeout
    assert finding.message == ("input 'ext' waits 2 s between two digits (at least 3 s): a caller who types "
                               "slowly is cut off")
    # only its first wait short: still a gap between two digits (the caller typed key 1), at `timeout`
    found, [finding] = lint(text.replace("digit_timeout: 2", "digit_timeout: 3"), "short-timeout")
    assert found == [("short-timeout", 15, 14, "ext")] and "between two digits" in finding.message


def test_an_input_with_its_own_question_waits_for_an_answer_and_between_digits(lint):
    text = EXTENSIONS.replace("timeout: 4\n    digit_timeout: 4", "timeout: 2\n    digit_timeout: 2").replace(
        "    variable: extension\n", '    prompt: "Please dial the extension."\n    variable: extension\n')
    found, findings = lint(text, "short-timeout")
    assert [f[1:] for f in found] == [(16, 14, "ext"), (17, 20, "ext")]
    assert "for an answer" in findings[0].message and "between two digits" in findings[1].message


# -- hangup-on-error ---------------------------------------------------------------------------

OUTBOUND = """\
ivr: 1
language: en-GB
kind: outbound
start: hello
nodes:
  hello: {type: play, prompt: "This is the surgery calling about your appointment.", next: confirm}
  confirm:
    type: menu
    prompt: "To confirm it, press 1. To speak to the receptionist, press 2."
    options: {"1": thanks, "2": desk}
    retries: 2
    on_max_retries: bye
  thanks: {type: hangup, prompt: "Thank you. Goodbye."}
  desk: {type: queue}
  bye: {type: hangup}
"""


def test_an_outbound_call_may_end_when_the_person_called_does_not_answer(lint):
    assert lint(OUTBOUND, "hangup-on-error")[0] == []
    inbound = OUTBOUND.replace("kind: outbound\n", "")
    assert lint(inbound, "hangup-on-error")[0] == [("hangup-on-error", 11, 21, "confirm")]
    in_queue = OUTBOUND.replace("kind: outbound", "kind: in-queue")
    assert lint(in_queue, "hangup-on-error")[0] == [("hangup-on-error", 12, 21, "confirm")]


def test_an_outbound_wrong_key_that_hangs_up_at_once_is_still_reported(lint):
    text = OUTBOUND.replace("    retries: 2\n", "    retries: 2\n    on_no_match: bye\n")
    found, [finding] = lint(text, "hangup-on-error")
    assert found == [("hangup-on-error", 12, 18, "confirm")]
    assert finding.message.startswith("after a wrong key, menu 'confirm' leads to a hang-up (bye)")


# -- no-agent-path -----------------------------------------------------------------------------

CLOSED_ONLY = """\
ivr: 1
language: fr-FR
start: annonce
nodes:
  annonce:
    type: play
    prompt: "Bonjour. Nos bureaux sont fermés. Ils ouvrent du lundi au vendredi de 9h à 17h."
    next: choix
  choix:
    type: menu
    prompt: "Pour réécouter ce message, tapez 1."
    options: {"1": annonce}
    on_max_retries: fin
  fin: {type: hangup, prompt: "Au revoir."}
"""


def test_a_flow_that_only_says_closed_and_checks_no_hours_cannot_be_judged(lint):
    found, [finding] = lint(CLOSED_ONLY, "no-agent-path")
    assert found == [("no-agent-path", 3, 8, None)] and finding.severity is Severity.INFO
    assert "checks no hours and its first messages say the service is closed" in finding.message
    # the same flow with its own hours check: callers meet it during opening hours, and no one answers
    with_hours = CLOSED_ONLY.replace("start: annonce", "start: heures").replace(
        "nodes:\n", "nodes:\n  heures: {type: hours, open: annonce, closed: annonce}\n").replace(
        "language: fr-FR\n", "language: fr-FR\nhours:\n  weekly:\n    mon-fri: ['09:00-17:00']\n")
    [finding] = lint(with_hours, "no-agent-path")[1]
    assert finding.severity is Severity.ERROR
    # a flow whose first message says nothing of being closed: the error
    info_line = CLOSED_ONLY.replace("Nos bureaux sont fermés. Ils ouvrent", "La mairie vous accueille")
    [finding] = lint(info_line, "no-agent-path")[1]
    assert finding.severity is Severity.ERROR and finding.message.startswith("during opening hours no path")


CALLBACK_LINE = """\
ivr: 1
language: en-GB
start: menu
nodes:
  menu:
    type: menu
    prompt: "For opening times press 1. To be called back by an adviser press 2."
    options: {"1": times, "2": callback}
    on_max_retries: bye
  times: {type: play, prompt: "We are open from 9 a.m. to 5 p.m.", next: menu}
  callback: {type: callback, prompt: "An adviser will call you back today."}
  bye: {type: hangup}
"""


def test_a_callback_the_caller_chooses_is_a_way_to_a_person(lint):
    assert lint(CALLBACK_LINE, "no-agent-path")[0] == []
    # the callback met only after silence or wrong keys: a caller who answers the menu reaches no one
    hidden = CALLBACK_LINE.replace('"2": callback', '"2": times').replace("on_max_retries: bye", "on_max_retries: "
                                                                          "callback")
    [finding] = lint(hidden, "no-agent-path")[1]
    assert finding.severity is Severity.ERROR


def test_a_callback_only_promised_by_a_message_asks_to_check_it(lint):
    text = """\
ivr: 1
language: en-US
start: book
nodes:
  book: {type: branch, on: booking, cases: {"failed": bye}, default: promise}
  promise: {type: play, prompt: "We will call you back as soon as an agent is free.", next: bye}
  bye: {type: hangup}
"""
    found, [finding] = lint(text, "no-agent-path")
    assert found == [("no-agent-path", 3, 8, None)] and finding.severity is Severity.INFO
    assert "'promise' says the service will call the caller back" in finding.message
    # a voicemail that promises a call back is a voicemail: no person
    voicemail = text.replace("promise: {type: play,", "promise: {type: voicemail,").replace(", next: bye}", "}")
    [finding] = lint(voicemail, "no-agent-path")[1]
    assert finding.severity is Severity.ERROR
