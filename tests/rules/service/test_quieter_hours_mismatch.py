"""quieter-hours-mismatch: the quieter hours a congestion prompt recommends, against `busy`."""

import pytest

from tests.conftest import run

FLOW = """\
ivr: 1
language: {lang}
hours:
  weekly: {{mon-fri: ["08:30-12:00", "13:30-17:00"], sat: ["09:00-12:00"]}}
  busy: {{mon: ["08:30-10:00", "10:00-12:00"], tue: ["13:30-17:00"], wed: ["13:30-17:00"], thu: ["13:30-17:00"], fri: ["13:30-17:00"]}}
start: agent
nodes:
  agent: {{type: queue, congestion: saturated}}
  saturated:
    type: menu
    prompt: "{said} Pour être rappelé, tapez 1."
    options: {{"1": callback}}
    on_max_retries: callback
  callback: {{type: callback, prompt: "Nous vous rappellerons."}}
"""


def flow(said: str, lang: str = "fr-FR") -> str:
    return FLOW.format(said=said, lang=lang)


@pytest.mark.parametrize("said", [
    "Appelez plutôt le lundi matin.",
    "Nos lignes sont moins chargées le lundi avant midi.",
    "Privilégiez le lundi entre 9h et 11h.",
    "Le mardi après-midi, l'attente est plus courte.",
])
def test_recommending_declared_peak_hours(lint, said):
    found, [finding] = lint(flow(said), "quieter-hours-mismatch")
    assert found == [("quieter-hours-mismatch", 11, 13, "saturated")]
    assert finding.severity.name == "ERROR"
    assert "which `hours.busy` declares as peak" in finding.message


def test_message_quotes_the_time_and_the_peak(lint):
    _, [finding] = lint(flow("Appelez plutôt le lundi matin."), "quieter-hours-mismatch")
    assert finding.message == ("'saturated' points congested callers to \"le lundi matin\", which `hours.busy` "
                               "declares as peak (lundi 08:30-10:00, 10:00-12:00)")


def test_after_a_time_on_every_day_that_is_busy_then(lint):
    """ "après 14h": on Monday the afternoon is quiet, so the advice holds for some days."""
    assert lint(flow("Rappelez de préférence après 14h."), "quieter-hours-mismatch")[0] == []
    said = "Rappelez de préférence le jeudi ou le vendredi après 14h."
    assert lint(flow(said), "quieter-hours-mismatch")[0] == [("quieter-hours-mismatch", 11, 13, "saturated")]


@pytest.mark.parametrize("said", [
    "Appelez plutôt le jeudi matin.",  # quiet, as declared
    "Évitez le lundi matin.",  # points away from the peak: right
    "Nos lignes sont très chargées le lundi matin.",
    "Appelez plutôt le lundi.",  # Monday afternoon is not busy
    "Nos lignes sont saturées.",
    "Le lundi matin, la ligne est chargée.",  # unsure reading: nothing claimed
])
def test_no_finding(lint, said):
    assert lint(flow(said), "quieter-hours-mismatch")[0] == []


def test_a_time_read_roughly_is_an_info(lint):
    found, [finding] = lint(flow("Appelez de préférence en fin de matinée le lundi."), "quieter-hours-mismatch")
    assert found == [("quieter-hours-mismatch", 11, 13, "saturated")]
    assert finding.severity.name == "INFO"
    assert finding.message.startswith("could not read \"en fin de matinée le lundi\" in 'saturated' precisely")


def test_english(lint):
    said = "Lines are usually quieter on Monday mornings."
    assert lint(flow(said, "en-GB"), "quieter-hours-mismatch")[0] == [("quieter-hours-mismatch", 11, 13, "saturated")]
    assert lint(flow("Try calling on Thursday morning.", "en-GB"), "quieter-hours-mismatch")[0] == []


def test_flow_without_busy_periods_is_not_checked(lint):
    text = flow("Appelez plutôt le lundi matin.").replace(
        '  busy: {mon: ["08:30-10:00", "10:00-12:00"], tue: ["13:30-17:00"], wed: ["13:30-17:00"], '
        'thu: ["13:30-17:00"], fri: ["13:30-17:00"]}\n', "")
    assert "busy:" not in text.split("start:")[0]
    assert lint(text, "quieter-hours-mismatch")[0] == []


def test_busy_of_the_schedule_the_caller_came_through(lint):
    text = """\
ivr: 1
hours:
  weekly: {mon-fri: ["08:30-17:00"]}
schedules:
  accueil:
    weekly: {mon-fri: ["08:30-17:00"]}
    busy: {mon-fri: ["08:30-12:00"]}
start: check
nodes:
  check: {type: hours, schedule: accueil, open: agent, closed: bye}
  agent: {type: queue, congestion: full}
  full:
    type: menu
    prompt: "Nos lignes sont saturées. Le matin, l'attente est plus courte. Tapez 1 pour être rappelé."
    options: {"1": cb}
    on_max_retries: cb
  cb: {type: callback}
  bye: {type: hangup}
"""
    found, [finding] = lint(text, "quieter-hours-mismatch")
    assert found == [("quieter-hours-mismatch", 14, 13, "full")]
    assert "`busy` of schedule `accueil`" in finding.message


def test_cli_reports_it(write):
    path = write(flow("Appelez plutôt le lundi matin."))
    result = run("check", "--select", "IVR118", str(path))
    assert result.exit_code == 1
    assert f"{path}:11:13: error [quieter-hours-mismatch]" in result.output


def test_the_excepted_time_is_not_recommended(lint):
    assert lint(flow("Hormis le lundi matin, nos lignes sont bien plus calmes."), "quieter-hours-mismatch")[0] == []
