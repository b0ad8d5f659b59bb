"""Cue readers on a corpus of prompt sentences, written the way different teams write them.

Each file ``cue_corpus/<cue>.<lang>.txt`` holds one sentence a line: ``+`` the cue is surely
there, ``?`` the words are there but not the shape (the rules then say so as an info and claim
nothing), ``-`` it is not there (negations, opening hours stated plainly, look-alikes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ivr_lint.text.cues import (
    FOUND,
    UNSURE,
    read_accessible_channel,
    read_callback,
    read_other_contact,
    read_quieter_hours,
    read_wait_estimate,
)

CORPUS = Path(__file__).with_name("cue_corpus")
READERS = {
    "wait": read_wait_estimate,
    "quieter": read_quieter_hours,
    "callback": read_callback,
    "contact": read_other_contact,
    "accessible": read_accessible_channel,
}
EXPECTED = {"+": FOUND, "?": UNSURE, "-": None}


def _cases(cue: str, lang: str) -> list[tuple[str, str]]:
    lines = (CORPUS / f"{cue}.{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [(line[0], line[2:]) for line in lines if line[:1] in EXPECTED]


CASES = [
    pytest.param(cue, lang, mark, text, id=f"{cue}-{lang}-{mark}-{text[:50]}")
    for cue in READERS
    for lang in ("fr", "en")
    for mark, text in _cases(cue, lang)
]


@pytest.mark.parametrize(("cue", "lang", "mark", "text"), CASES)
def test_sentence(cue: str, lang: str, mark: str, text: str) -> None:
    reading = READERS[cue](text, lang)
    state = reading.state if reading is not None else None
    assert state == EXPECTED[mark], reading


@pytest.mark.parametrize("cue", READERS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_corpus_size(cue: str, lang: str) -> None:
    """At least 150 sentences per cue and language, a third of them that must not match."""
    cases = _cases(cue, lang)
    assert len(cases) >= 150
    assert sum(1 for mark, _ in cases if mark != "+") * 3 >= len(cases)
    assert len({text for _, text in cases}) == len(cases), "a sentence is listed twice"


def test_a_found_cue_quotes_its_words() -> None:
    text = "Bonjour. Les lignes sont plus calmes après 14 heures. Merci."
    cue = read_quieter_hours(text, "fr")
    assert text[cue.start : cue.end] == "plus calmes après 14 heures"
    assert cue.sentence == "Les lignes sont plus calmes après 14 heures."


def test_an_unsure_cue_says_what_it_could_not_confirm() -> None:
    cue = read_quieter_hours("Le lundi, la ligne est chargée.", "fr")
    assert cue.state == UNSURE
    assert cue.sentence == "Le lundi, la ligne est chargée."
    assert cue.doubt == "it names a time and a load word, but does not say the time is quieter or busier"


def test_quieter_hours_say_which_times_are_quiet_and_which_busy() -> None:
    cue = read_quieter_hours("Évitez le lundi matin, privilégiez plutôt le jeudi après-midi.", "fr")
    said = [(sorted(m.days), m.interval, polarity) for m, polarity in cue.times]
    assert said == [([0], None, "busy"), ([], (0, 720), "busy"), ([3], None, "quiet"), ([], (720, 1080), "quiet")]


@pytest.mark.parametrize(("text", "lang"), [
    ("En dehors du lundi matin, l'attente est nettement plus courte.", "fr"),
    ("Sauf le lundi, nos lignes sont plus calmes.", "fr"),
    ("Apart from Monday, lines are quieter.", "en"),
])
def test_a_time_excepted_from_quieter_hours_is_the_busy_one(text: str, lang: str) -> None:
    cue = read_quieter_hours(text, lang)
    assert cue.state == FOUND
    assert [(sorted(m.days), polarity) for m, polarity in cue.times if m.days] == [([0], "busy")]
