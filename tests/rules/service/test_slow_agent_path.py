from tests.rules.service.flows import WELL_MADE
from tests.conftest import run

LONG_WELCOME = ("Bienvenue à la mairie de Testville. " * 30).strip()


def test_too_many_seconds_before_a_person(lint):
    text = WELL_MADE.replace('"Bienvenue à la mairie de Testville."', f'"{LONG_WELCOME}"')
    found, [finding] = lint(text, "slow-agent-path")
    assert found == [("slow-agent-path", 14, 8, None)]
    assert finding.path == ["welcome", "check-hours", "main-menu", "agent"]
    assert "s of prompts and waiting (limit 60 s), with 1 key press (key 0 at main-menu)" in finding.message


def test_limits_are_options(lint):
    assert lint(WELL_MADE, "slow-agent-path", max_agent_seconds=5.0)[0] == [("slow-agent-path", 14, 8, None)]
    # silence leads to the agent too (on_max_retries): that way needs no key at all
    assert lint(WELL_MADE, "slow-agent-path", max_agent_keys=0)[0] == []
    no_silent_way = WELL_MADE.replace("    on_max_retries: agent\n  civil:", "    on_max_retries: callback\n  civil:")
    found, [finding] = lint(no_silent_way, "slow-agent-path", max_agent_keys=0)
    assert found == [("slow-agent-path", 14, 8, None)]
    assert finding.message.startswith("reaching a person needs at least 1 key press (limit 0)")


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "slow-agent-path")[0] == []


# Prompt lengths measured (as `check --measure-audio` gives them), so the sums are exact.
DURATIONS = {"Welcome to the library service.": 10.0, "For renewals, press 1.": 8.0,
             "To speak to a librarian, press 0.": 6.0, "Please hold.": 2.0}

TWO_WAYS = """\
ivr: 1
language: en-GB
defaults: {timeout: 5, retries: 2}
start: welcome
nodes:
  welcome: {type: play, prompt: "Welcome to the library service.", next: menu}
  menu:
    type: menu
    prompt: "For renewals, press 1."
    options: {"1": renewals}
    on_max_retries: librarian
  renewals:
    type: menu
    prompt: "To speak to a librarian, press 0."
    options: {"0": librarian}
    on_max_retries: librarian
  librarian: {type: queue, prompt: "Please hold."}
"""


def measured(write, text, **options):
    from ivr_lint.config import Config
    from ivr_lint.engine import check_paths

    config = Config()
    config.select = ["slow-agent-path"]
    config.rules["slow-agent-path"] = options
    config.measured_durations = dict(DURATIONS)
    result = check_paths([str(write(text))], config)
    assert not result.input_errors
    return [(f.line, f.column, f.message, f.path, f.extra) for f in result.findings]


def test_the_fastest_way_is_reported_with_its_own_keys(write):
    # keys: 10 + 8 + 6 + 2 = 26 s and 2 presses; silence at the menu: 10 + 8 + (5 + 2 x (8 + 5)) + 2 = 51 s, no key
    assert measured(write, TWO_WAYS, max_agent_seconds=20.0) == [(
        4, 8, "the fastest way to a person takes 26 s of prompts and waiting (limit 20 s), with 2 key presses "
        "(key 1 at menu; key 0 at renewals): welcome -> menu -> renewals -> librarian",
        ["welcome", "menu", "renewals", "librarian"], {"seconds": 26.0, "keys": 2})]
    # the way with fewest keys is silence: no key to press, so no finding about keys
    assert measured(write, TWO_WAYS, max_agent_keys=0) == []


def test_the_way_with_fewest_keys_is_reported_with_its_own_seconds(write):
    text = TWO_WAYS.replace("    on_max_retries: librarian\n  renewals:", "    on_max_retries: renewals\n  renewals:")
    text = text.replace('options: {"0": librarian}\n    on_max_retries: librarian',
                        'options: {"0": librarian}\n    on_max_retries: call-back') + \
        '  call-back: {type: callback, prompt: "We will call you back."}\n'
    # fewest keys: silence at the menu (24 s waited and replayed) then 0 at renewals: one key, 10 + 8 + 31 + 6 + 2 s
    assert measured(write, text, max_agent_keys=0) == [(
        4, 8, "reaching a person needs at least 1 key press (limit 0), and that way takes 57 s (silence at menu until "
        "its retries run out; key 0 at renewals): welcome -> menu -> renewals -> librarian",
        ["welcome", "menu", "renewals", "librarian"], {"seconds": 57.0, "keys": 1})]


def test_silences_and_replays_count_in_seconds(write):
    # a long sub-menu makes silence the fastest way: its waits and replays are the seconds reported
    text = TWO_WAYS.replace('"To speak to a librarian, press 0."', '"To speak to a librarian, press 0. Or wait."')
    durations = {"To speak to a librarian, press 0. Or wait.": 60.0}
    DURATIONS.update(durations)
    try:
        [(line, column, message, path, extra)] = measured(write, text, max_agent_seconds=45.0)
    finally:
        for key in durations:
            DURATIONS.pop(key)
    assert (line, column, path, extra) == (4, 8, ["welcome", "menu", "librarian"], {"seconds": 51.0, "keys": 0})
    assert message == ("the fastest way to a person takes 51 s of prompts and waiting (limit 45 s), with 0 key "
                       "presses (silence at menu until its retries run out): welcome -> menu -> librarian")


def test_a_single_timeout_to_a_person_counts_one_wait(write):
    text = TWO_WAYS.replace("    on_max_retries: librarian\n  renewals:",
                            "    on_no_input: librarian\n    on_max_retries: librarian\n  renewals:")
    # silence once: 10 + 8 + 5 + 2 = 25 s, the fastest way, with no key
    [(_, _, message, path, extra)] = measured(write, text, max_agent_seconds=20.0)
    assert path == ["welcome", "menu", "librarian"] and extra == {"seconds": 25.0, "keys": 0}
    assert "(silence at menu)" in message


def test_a_number_typed_is_one_answer_however_many_digits(lint):
    # French, an input of an 8-digit file number before the advisors; silence there goes to a callback
    text = """\
ivr: 1
language: fr-FR
start: accueil
nodes:
  accueil: {type: play, prompt: "Bienvenue à la caisse de retraite.", next: dossier}
  dossier:
    type: input
    prompt: "Tapez votre numéro de dossier à huit chiffres."
    variable: dossier
    digits: {min: 8, max: 8}
    next: conseillers
    on_max_retries: rappel
  rappel: {type: callback, prompt: "Nous vous rappellerons."}
  conseillers: {type: queue}
"""
    assert lint(text, "slow-agent-path")[0] == []  # one answer, not 8 key presses
    found, [finding] = lint(text, "slow-agent-path", max_agent_keys=0)
    assert found == [("slow-agent-path", 3, 8, None)]
    assert finding.message.startswith("reaching a person needs at least 1 key press (a number typed counts as "
                                      "one) (limit 0), and that way takes ")
    assert "(digits at dossier): accueil -> dossier -> conseillers" in finding.message
    assert finding.extra["keys"] == 1


def test_a_sub_flow_entered_at_one_of_its_nodes_is_no_internal_error(write):
    """A goto into a sub-flow's non-start node: callers never start at its start (was a KeyError)."""
    write("""
        ivr: 1
        start: menu
        nodes:
          menu: {type: menu, prompt: "Pour un conseiller, tapez 0.", options: {"0": agent}, on_max_retries: agent}
          agent: {type: queue}
          booking: {type: hangup, prompt: "Au revoir."}
    """, "papers.yaml")
    main = write("""
        ivr: 1
        start: welcome
        nodes:
          welcome: {type: play, prompt: "Bonjour.", next: papers}
          papers: {type: goto, flow: papers.yaml, node: booking}
    """, "main.yaml")
    result = run("check", "--select", "slow-agent-path,no-agent-path", str(main.parent))
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "main.yaml:2:8: error [no-agent-path]" in result.output
