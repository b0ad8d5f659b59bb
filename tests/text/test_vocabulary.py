"""The cue vocabulary's table of inflected forms agrees with simplemma, which is not loaded at run time."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ivr_lint.text import vocabulary
from ivr_lint.text._forms import FORMS

simplemma = pytest.importorskip("simplemma")


@pytest.mark.parametrize("lang", sorted(vocabulary.VOCABULARY))
def test_forms_table_is_what_simplemma_gives(lang):
    """Regenerate with `python -m ivr_lint.text.vocabulary` when this fails."""
    assert FORMS[lang] == vocabulary.forms_from_simplemma(lang)


@pytest.mark.parametrize("lang", sorted(vocabulary.VOCABULARY))
def test_every_listed_form_lemmatises_to_its_lemma(lang):
    wrong = [(form, lemma, simplemma.lemmatize(form, lang=lang))
             for lemma, forms in FORMS[lang].items() for form in forms
             if form != lemma and simplemma.lemmatize(form, lang=lang) != lemma]
    assert wrong == []


@pytest.mark.parametrize(("word", "lang", "lemma"), [
    ("chargees", "fr", "charge"),  # folded: typed without accents
    ("sollicitees", "fr", "solliciter"),
    ("privilegiez", "fr", "privilegier"),
    ("rappellerons", "fr", "rappeler"),
    ("busiest", "en", "busy"),
    ("quieter", "en", "quiet"),
    ("queues", "en", "queue"),
])
def test_lemmas_of_inflected_words(word, lang, lemma):
    assert lemma in vocabulary.lemmas(word, lang)


def test_an_advisor_is_no_advice():
    """ "un conseiller" is excluded from "conseiller" (to advise); "nous conseillons" is not."""
    assert not vocabulary.lemmas("conseiller", "fr") & vocabulary.concept("fr", "advice")
    assert vocabulary.lemmas("conseillons", "fr") & vocabulary.concept("fr", "advice")


def test_reading_a_prompt_does_not_import_simplemma():
    code = ("import sys; from ivr_lint.text import cues; "
            "cues.read_quieter_hours('Appelez plutôt le mardi.', 'fr'); print('simplemma' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_index_folds_every_form_as_fold_word_does():
    """The index folds all forms in one text (start-up): each form and lemma must fold as it alone would."""
    for lang, table in FORMS.items():
        index = vocabulary._index(lang)
        for lemma, forms in table.items():
            for form in forms:
                assert vocabulary.fold_word(lemma) in index[vocabulary.fold_word(form)], (lang, form)
    words = ["Été", "l’heure", "ÇA", "naïve", "", "ascii", "İstanbul", "À-côté"]
    assert vocabulary._fold_words(words) == [word.lower().translate(vocabulary._FOLD) for word in words]
    assert [vocabulary.fold_word(word) for word in words] == [word.lower().translate(vocabulary._FOLD) for word in words]
