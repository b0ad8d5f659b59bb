"""The report's pictures speak the page's language: a French page embeds French diagrams
(legend, edge kinds, notes, the text tree), an English page English ones, whichever
language the flow is written in; and the pictures name the scenarios as the page does."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import run

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")

#: a tax office line: free number, hours said, one key to a person, a busy-lines menu
IMPOTS = """\
ivr: 1
id: sip-test
name: "SIP de Testbourg"
language: fr-FR
service:
  name: "Service des impôts de Testbourg"
  phone: "0800 000 111"
  website: "https://www.impots.gouv.fr"
  accessible: "https://www.impots.gouv.fr/acces"
hours:
  timezone: Europe/Paris
  weekly:
    mon-fri: ["08:30-16:00"]
  holidays: FR
start: bienvenue
nodes:
  bienvenue:
    type: play
    prompt: "Bienvenue au service des impôts de Testbourg. Cet appel est gratuit."
    next: creneau
  creneau:
    type: hours
    open: menu
    closed: horaires
  menu:
    type: menu
    prompt: "Pour votre déclaration, tapez 1. Pour parler à un agent, tapez 0."
    options:
      "1": declaration
      "0": agents
    on_no_input: agents
    on_max_retries: agents
  declaration:
    type: play
    prompt: "Votre déclaration se fait en ligne sur le site impots point gouv point fr."
    next: agents
  agents:
    type: queue
    congestion: occupe
  occupe:
    type: menu
    prompt: >-
      Tous nos agents sont occupés. Le temps d'attente est estimé à {wait_minutes} minutes.
      Nos lignes sont moins chargées le matin.
      Pour être rappelé, tapez 1. Pour patienter, tapez 2.
    options:
      "1": rappel
      "2": agents
    on_max_retries: agents
  rappel:
    type: callback
    prompt: "Votre demande de rappel est enregistrée. Au revoir."
  horaires:
    type: play
    prompt: >-
      Le service est fermé. Nous vous répondons du lundi au vendredi de 8h30 à 16h.
      Vous pouvez aussi écrire depuis votre espace sur impots.gouv.fr.
    next: fin
  fin:
    type: hangup
    prompt: "Au revoir."
"""

ENGLISH_WORDS = ("Legend", "hours check", "queue (agent)", "hang up", "key pressed (or said)", "open hours",
                 "no input (silence)", "max retries reached", "queue saturated (congestion)", "not met:",
                 "lint error", "rules in the tooltip")


def report(tmp_path: Path, *args: str) -> ET.Element:
    out = tmp_path / "report.html"
    result = run("report", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    return ET.parse(out).getroot()


def figures(root: ET.Element) -> dict[str, ET.Element]:
    return {f.get("data-scenario"): f for f in root.iter(f"{XHTML}figure") if f.get("class") == "diagram"}


def tree(figure: ET.Element) -> str:
    return "".join(figure.find(f".//{XHTML}details[@class='diagram-text']/{XHTML}pre").itertext())


def svg_texts(figure: ET.Element) -> list[str]:
    svg = figure.find(f".//{SVG}svg")
    assert svg is not None, "no picture in the figure"
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


@pytest.fixture
def impots(write):
    return str(write(IMPOTS, "sip.yaml"))


def test_a_french_page_embeds_french_text_trees(tmp_path, impots):
    drawn = figures(report(tmp_path, impots))
    assert list(drawn) == ["open", "closed", "holiday", "congested"]
    for scenario, figure in drawn.items():
        lines = tree(figure).splitlines()
        assert lines[1].startswith("sip.yaml · 9 étapes · moment : "), lines[1]
        assert "constats : " in lines[1]
        for word in ("nodes", "scenario:", "lint:", "Not met in scenario", "(see above)", "(see below)", "[play",
                     "[hangup"):
            assert word not in tree(figure), (scenario, word)
    closed = tree(drawn["closed"])
    assert "moment : hors horaires" in closed.splitlines()[1]
    assert "Étapes non atteintes, hors horaires (5) :" in closed.splitlines()
    assert "    └── fermé / jour férié → horaires [message] “Le service est fermé. Nous vous répondons…”" in closed
    opened = tree(drawn["open"])
    assert "        ├── sans réponse → agents (voir plus haut)" in opened.splitlines()
    assert "        └── après les essais → agents (voir plus haut)" in opened.splitlines()
    assert "        │   └── saturation → occupe [menu] “Tous nos agents sont occupés." in tree(drawn["congested"])


@needs_dot
def test_a_french_page_embeds_french_svg(tmp_path, impots):
    drawn = figures(report(tmp_path, impots))
    opened = svg_texts(drawn["open"])
    for words in ("contrôle des horaires", "file d'attente (conseiller)", "fin d'appel", "touche (ou mot prononcé)",
                  "heures d'ouverture", "sans réponse (silence)", "après le dernier essai", "file saturée (affluence)",
                  "non atteint : heures d'ouverture", "constat : erreur (règles dans l'infobulle)",
                  "sans réponse", "après les essais", "saturation", "ouvert", "fermé / jour férié"):
        assert words in opened, words
    assert "non atteint : hors horaires" in svg_texts(drawn["closed"])
    assert "non atteint : affluence" in svg_texts(drawn["congested"])
    for figure in drawn.values():
        texts = svg_texts(figure)
        assert not set(ENGLISH_WORDS) & set(texts)
        assert not {"open", "closed", "no input", "max retries", "congestion"} & set(texts)


@needs_dot
def test_an_english_flow_gets_english_pictures_a_french_one_french(tmp_path, write, impots):
    english = str(write(IMPOTS.replace("language: fr-FR", "language: en-GB"), "tax.yaml"))
    drawn = figures(report(tmp_path, english))
    closed = tree(drawn["closed"])
    assert closed.splitlines()[1].startswith("tax.yaml · 9 nodes · scenario: closed · lint: ")
    assert "Not met in scenario closed (5):" in closed.splitlines()
    assert "    └── closed / holiday → horaires [play]" in closed
    texts = svg_texts(drawn["open"])
    assert {"hours check", "no input (silence)", "max retries reached", "not met: open", "no input",
            "max retries", "congestion"} <= set(texts)
    assert not {"Légende", "heures d'ouverture", "sans réponse", "non atteint : heures d'ouverture"} & set(texts)
    # the same flow in French, in the same place: French pictures
    french = figures(report(tmp_path, impots))
    assert {"contrôle des horaires", "sans réponse (silence)", "non atteint : heures d'ouverture"} \
        <= set(svg_texts(french["open"]))


def test_the_page_language_rules_its_pictures_not_the_flows(tmp_path, impots):
    """`report --lang en` on a French flow: an English page, so English pictures; without it, French ones."""
    closed = tree(figures(report(tmp_path, impots, "--lang", "en"))["closed"])
    assert closed.splitlines()[1].startswith("sip.yaml · 9 nodes · scenario: closed · lint: ")
    assert "Not met in scenario closed (5):" in closed.splitlines()
    assert "étapes" not in closed and "moment :" not in closed
    french = tree(figures(report(tmp_path, impots))["closed"])
    assert french.splitlines()[1].startswith("sip.yaml · 9 étapes · moment : hors horaires · constats : ")


def test_pictures_and_page_use_the_same_words(tmp_path, impots):
    """The figure's caption (the page's words) and its picture name the scenario and the steps alike."""
    from ivr_lint.render.style import WORDS
    from ivr_lint.report.catalogue import LABELS

    french = {key: fr for key, (fr, _) in LABELS.items()}
    root = report(tmp_path, impots)
    for scenario, figure in figures(root).items():
        page_word = french[f"scenario_{scenario}"]
        caption = "".join(figure.find(f"{XHTML}figcaption").itertext())
        assert caption.endswith(page_word)
        assert f"moment : {page_word.lower()}" in tree(figure).splitlines()[1]
    # the same nouns for what the page and the pictures both name
    assert WORDS["legend.node"][1] == french["col_node"].lower()          # étape
    assert WORDS["legend.callback"][1] == french["ev_callback"].lower()   # rappel
    for severity in ("error", "warning"):
        assert WORDS[severity][1] == french[severity]                   # erreur, avertissement
