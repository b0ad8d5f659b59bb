import pytest

from tests.rules.service.flows import WELL_MADE

SAID = "du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h"


@pytest.mark.parametrize("said", [
    "du lundi au vendredi de 9h à 12h et de 13h30 à 17h",
    "du lundi au jeudi de 8h30 à 12h et de 13h30 à 17h, et le samedi de 9h à 12h",
    "du lundi au vendredi de 8h30 à midi et de 13h30 à 18h",
])
def test_said_hours_that_differ(lint, said):
    found, [finding] = lint(WELL_MADE.replace(SAID, said), "hours-mismatch")
    assert found == [("hours-mismatch", 55, 13, "closed-message")]
    assert "differ from `hours`" in finding.message


def test_message_shows_both_day_by_day(lint):
    _, [finding] = lint(WELL_MADE.replace(SAID, "du lundi au vendredi de 9h à 12h et de 13h30 à 17h"), "hours-mismatch")
    assert "said lundi-vendredi 09:00-12:00, 13:30-17:00;" in finding.message
    assert finding.message.endswith("schedule lundi-vendredi 08:30-12:00, 13:30-17:00")


@pytest.mark.parametrize("said", [
    SAID,
    "du lundi au vendredi de 8 heures 30 à midi et de 13 heures 30 à 17 heures",
    "en semaine de 8h30 à 12h et de 13h30 à 17h",
    "le mardi de 8h30 à 12h et de 13h30 à 17h",  # part of the week, said right
])
def test_said_hours_that_agree(lint, said):
    assert lint(WELL_MADE.replace(SAID, said), "hours-mismatch")[0] == []


def test_english_hours(lint):
    text = (WELL_MADE.replace("language: fr-FR", "language: en-GB")
            .replace(f"La mairie est ouverte {SAID}.", "We are open Monday to Friday from 8:30am to 12 noon and 1:30pm to 5pm."))
    assert lint(text, "hours-mismatch")[0] == []
    wrong = text.replace("to 5pm", "to 6pm")
    assert lint(wrong, "hours-mismatch")[0] == [("hours-mismatch", 55, 13, "closed-message")]


def test_unreadable_hours_give_no_finding(lint):
    text = WELL_MADE.replace(SAID, "aux horaires habituels")
    assert lint(text, "hours-mismatch")[0] == []


@pytest.mark.parametrize("said", [
    "du lundi au jeudi de 8h30 à 12h et de 13h30 à 17h",
    "les lundi, mardi, mercredi et jeudi de 8h30 à 12h et de 13h30 à 17h",
])
def test_a_week_that_leaves_an_open_day_out(lint, said):
    found, [finding] = lint(WELL_MADE.replace(SAID, said), "hours-mismatch")
    assert found == [("hours-mismatch", 55, 13, "closed-message")]
    assert "said vendredi non mentionné; schedule vendredi 08:30-12:00, 13:30-17:00" in finding.message
    assert finding.extra["said"] == {"4": None}


def test_a_week_said_over_two_sentences_is_complete(lint):
    said = "du lundi au jeudi de 8h30 à 12h et de 13h30 à 17h. Le vendredi, de 8h30 à 12h et de 13h30 à 17h"
    assert lint(WELL_MADE.replace(SAID, said), "hours-mismatch")[0] == []


def test_one_day_in_a_sentence_of_its_own_is_compared_alone(lint):
    text = WELL_MADE.replace('    mon-fri: ["08:30-12:00", "13:30-17:00"]\n',
                             '    mon-fri: ["08:30-12:00", "13:30-17:00"]\n    sat: ["09:00-12:00"]\n')
    said = "Le samedi, la mairie vous accueille de 9h à 12h"
    assert lint(text.replace(f"La mairie est ouverte {SAID}", said), "hours-mismatch")[0] == []
    found, _ = lint(text.replace(f"La mairie est ouverte {SAID}", "Le samedi, de 9h à 11h"), "hours-mismatch")
    assert found == [("hours-mismatch", 56, 13, "closed-message")]


def test_english_week_that_leaves_a_day_out(lint):
    text = (WELL_MADE.replace("language: fr-FR", "language: en-GB")
            .replace(f"La mairie est ouverte {SAID}.",
                     "We are open Monday to Thursday, 8:30am to 12 noon and 1:30pm to 5pm."))
    found, [finding] = lint(text, "hours-mismatch")
    assert found == [("hours-mismatch", 55, 13, "closed-message")]
    assert "said Friday not mentioned" in finding.message
