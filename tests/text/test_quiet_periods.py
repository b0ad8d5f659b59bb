"""The periods a quieter-hours prompt recommends, and what "en fin de semaine" means."""

from __future__ import annotations

import pytest

from ivr_lint.text.cues import quiet_periods, read_quieter_hours
from ivr_lint.text.hours import days_meant, find_time_mentions

MORNING, AFTERNOON = (0, 720), (720, 1080)


def periods(text: str, lang: str = "fr", open_days=None, polarity: str = "quiet"):
    return [(sorted(p.days), p.window, p.precise)
            for p in quiet_periods(text, read_quieter_hours(text, lang), open_days, polarity)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Appelez de préférence le lundi matin.", "fr", [([0], MORNING, True)]),
    ("Nos lignes sont plus calmes l'après-midi et le vendredi.", "fr", [([], AFTERNOON, True), ([4], None, True)]),
    ("Nos lignes sont plus calmes le mardi ou le jeudi après-midi.", "fr",
     [([1], None, True), ([3], AFTERNOON, True)]),
    ("Lines are quieter on Tuesday afternoons.", "en", [([1], AFTERNOON, True)]),
    ("Lines are quieter in the morning, or on Fridays.", "en", [([], MORNING, True), ([4], None, True)]),
])
def test_a_day_and_a_part_of_the_day_said_together_are_one_period(text, lang, expected):
    assert periods(text, lang) == expected


def test_what_a_prompt_warns_against_is_not_recommended():
    text = "Évitez le lundi matin, nos lignes sont plus calmes le jeudi."
    assert periods(text) == [([3], None, True)]
    assert periods(text, polarity="busy") == [([0], MORNING, True)]


def test_no_periods_without_a_sure_cue():
    assert quiet_periods("Nos lignes sont saturées.", read_quieter_hours("Nos lignes sont saturées.", "fr")) == ()


@pytest.mark.parametrize("open_days, meant", [
    (None, [5, 6]),  # the everyday meaning: the weekend
    (range(5), [3, 4]),  # closed at the weekend: its last two open days
    (range(4), [2, 3]),  # open Monday to Thursday
    (range(6), [5]),  # open on Saturday: the weekend day it opens
    (range(7), [5, 6]),
    ((0, 2, 4), [2, 4]),
])
def test_fin_de_semaine_against_the_opening_days(open_days, meant):
    mention = next(m for m in find_time_mentions("Appelez de préférence en fin de semaine.", "fr") if m.end_of_week)
    assert not mention.precise
    assert sorted(days_meant(mention, open_days)) == meant
    assert periods("Appelez de préférence en fin de semaine.", open_days=open_days) == [(meant, None, False)]


def test_other_days_do_not_depend_on_the_opening_days():
    for text, lang in (("Appelez de préférence le samedi.", "fr"), ("Call at the end of the week.", "en"),
                       ("Nous sommes fermés le week-end.", "fr")):
        for mention in find_time_mentions(text, lang):
            assert not mention.end_of_week
            assert days_meant(mention, range(5)) == mention.days
