"""`ivr-lint render --lang fr|en|auto`: the words of every output in the reader's language.

English stays the default, byte for byte (the golden files hold it); French is asked for,
or `auto` follows the flow's `language`. User text (ids, labels, prompts, keys) is never
translated, only the words the diagram itself writes.
"""

from __future__ import annotations

import re
import shutil
import string
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import FLOWS, run
from tests.render.conftest import generated_flow

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")

#: a one-stop counter of a town: every kind of way out a diagram words
GUICHET = """\
ivr: 1
id: guichet
name: "Guichet unique – standard"
language: fr-FR
hours:
  timezone: Europe/Paris
  weekly:
    mon-fri: ["08:30-12:00", "13:30-16:30"]
  holidays: FR
start: accueil
nodes:
  accueil:
    type: play
    prompt: "Bonjour, vous êtes bien au guichet unique."
    next: horaires
  horaires:
    type: hours
    open: choix
    closed: ferme
    holiday: ferie
  choix:
    type: menu
    prompt: "Pour un dossier, tapez 1. Pour un conseiller, tapez 0."
    options:
      "1": {next: dossier, label: Dossier}
      "0": file
    on_no_input: file
    on_no_match: choix
    on_max_retries: file
  dossier:
    type: input
    prompt: "Composez votre numéro de dossier à huit chiffres."
    digits: 8
    variable: numero
    next: tri
    on_invalid: file
    on_max_retries: file
  tri:
    type: branch
    on: numero
    cases:
      "12345678": file
    default: file
  file:
    type: queue
    queue: accueil
    max_wait: 600
    congestion: sature
    on_timeout: messagerie
  sature:
    type: callback
    prompt: "Nous vous rappelons dès que possible."
  messagerie:
    type: voicemail
    prompt: "Laissez votre message après le bip."
  ferme:
    type: play
    prompt: "Le guichet est fermé. Il ouvre du lundi au vendredi."
    next: fin
  ferie:
    type: play
    prompt: "Le guichet est fermé ce jour férié."
    next: fin
  fin:
    type: hangup
    prompt: "Au revoir."
"""

#: what an English diagram writes on its edges and beside its nodes (written out here, not
#: read from the table under test)
ENGLISH_EDGE_WORDS = ("open", "closed", "holiday", "no input", "no match", "invalid", "max retries",
                      "congestion", "wait timeout", "failed", "other", "goto")
ENGLISH_LEGEND = ("Legend", "digit input", "branch on a value", "hours check", "queue (agent)", "hang up",
                  "voicemail", "callback", "key pressed (or said)", "open hours", "closed / holiday",
                  "no input (silence)", "no match / invalid digits", "max retries reached",
                  "queue saturated (congestion)", "wait too long / transfer failed", "not met:", "lint error",
                  "lint warning", "rules in the tooltip", "incoming call", "missing node")


@pytest.fixture
def guichet(write):
    return str(write(GUICHET, "guichet.yaml"))


def render(*args: str) -> str:
    result = run("render", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_text_tree_in_french(guichet):
    out = render(guichet, "--lang", "fr")
    lines = out.splitlines()
    assert lines[:3] == ["Guichet unique – standard", "guichet.yaml · 11 étapes", ""]
    assert lines[3] == "☎ accueil [message] “Bonjour, vous êtes bien au guichet unique.” ≈ 3 s"
    assert lines[4] == "└── horaires [horaires]"
    assert lines[5].startswith("    ├── ouvert → choix [menu] “Pour un dossier, tapez 1.")
    assert "    │   ├── 1 · Dossier → dossier [saisie · 8 chiffres → numero] “Composez" in out
    assert "    │   │   ├── tri [aiguillage · selon numero]" in lines
    assert "    │   │   │   └── 12345678 / autre → file (voir plus bas)" in lines
    assert "    │   │   ├── chiffres invalides → file (voir plus bas)" in lines
    assert "    │   ├── 0 → file [file d'attente · accueil · attente ≤ 10 min]" in lines
    assert "    │   │   ├── saturation → sature [rappel] “Nous vous rappelons dès que possible.” ≈ 2 s" in lines
    assert "    │   │   └── attente trop longue → messagerie [messagerie] “Laissez votre message après le bip.” ≈ 2 s" \
        in lines
    assert "    │   ├── sans réponse → file (voir plus haut)" in lines
    assert "    │   ├── saisie invalide → choix ↺" in lines
    assert "    │   └── après les essais → file (voir plus haut)" in lines
    assert lines[-4].startswith("    ├── fermé → ferme [message]")
    assert lines[-2].startswith("    └── jour férié → ferie [message]")
    assert lines[-1] == "        └── fin (voir plus haut)"
    # no English word of the diagram's own is left
    for word in ENGLISH_EDGE_WORDS:
        assert f"── {word} →" not in out and f" {word} / " not in out
    for word in ("(see above)", "(see below)", " nodes", "[play", "[queue", "[input", "[branch", "[hangup",
                 "[callback", "digits", "wait ≤", "· on numero"):
        assert word not in out, word


def test_a_scenario_and_the_lint_marks_in_french(guichet):
    out = render(guichet, "--lang", "fr", "--lint", "--scenario", "closed")
    lines = out.splitlines()
    assert re.fullmatch(r"guichet\.yaml · 11 étapes · moment : hors horaires · constats : "
                        r"\d+ erreurs?(, \d+ avertissements?)?", lines[1]), lines[1]
    at = lines.index("Étapes non atteintes, hors horaires (7) :")
    assert lines[at + 1] == "choix, dossier, tri, file, sature, messagerie, ferie"
    # findings tied to no node are listed under the tree: severity and line in French
    notes = [line for line in lines[at + 2:] if line]
    assert notes and all(re.match(r"(erreur|avertissement|information) \[[a-z-]+\] ligne \d+ : ", n) for n in notes)
    for word in ("Not met in scenario", "scenario:", "lint:", "] line ", "warning [", "error ["):
        assert word not in out
    assert "moment : affluence" in render(guichet, "--lang", "fr", "--scenario", "congested").splitlines()[1]


def test_ascii_tree_in_french(guichet):
    out = render(guichet, "--lang", "fr", "--ascii")
    assert "    |-- ouvert -> choix [menu] \"Pour un dossier" in out
    assert "    |   |-- sans réponse -> file (voir plus haut)" in out
    assert not set("├└│→“”…≈☎") & set(out)


def test_mermaid_in_french(guichet):
    out = render(guichet, "--lang", "fr", "-f", "mermaid")
    assert '  subgraph legend ["Légende"]' in out
    for name in ("saisie de chiffres", "aiguillage selon une valeur", "contrôle des horaires",
                 "file d'attente (conseiller)", "rappel", "messagerie vocale", "fin d'appel"):
        assert f'"{name}"' in out, name
    assert '  choix -.->|"sans réponse"| file' in out
    assert '  choix -.->|"après les essais"| file' in out
    assert '  dossier -.->|"chiffres invalides"| file' in out
    assert '  file ==>|"saturation"| sature' in out
    assert '  file -.->|"attente trop longue"| messagerie' in out
    assert '  horaires -.->|"fermé"| ferme' in out
    assert "<small>saisie · 8 chiffres → numero · ≈ 3 s</small>" in out
    assert "%% guichet.yaml · 11 étapes" in out
    quoted = " ".join(re.findall(r'"([^"]*)"', out))
    for word in ENGLISH_LEGEND:
        assert word not in quoted, word
    for word in ENGLISH_EDGE_WORDS:
        assert f'|"{word}"|' not in out, word


def test_dot_legend_and_labels_in_french(guichet):
    out = render(guichet, "--lang", "fr", "-f", "dot", "--lint", "--scenario", "closed")
    for words in ("sans réponse (silence)", "saisie invalide / chiffres invalides", "après le dernier essai",
                  "file saturée (affluence)", "heures d'ouverture", "fermé / jour férié",
                  "non atteint : hors horaires", "constat : erreur (règles dans l'infobulle)",
                  "constat : avertissement (règles dans l'infobulle)", "file d'attente (conseiller)"):
        assert f">{words}</FONT>" in out, words
    assert 'label="après les essais"' in out and 'label="saturation"' in out
    assert 'tooltip="appel entrant"' in out
    assert "file (file d'attente)" in out  # the tooltip's head
    # what the picture shows (the tooltips also quote the rules' messages, which are English)
    shown = " ".join(re.findall(r">([^<>]*)</FONT>", out) + re.findall(r'label="([^"]*)"', out))
    for word in ENGLISH_LEGEND:
        assert word not in shown, word
    for word in ENGLISH_EDGE_WORDS:
        assert f'label="{word}"' not in out, word


@needs_dot
def test_svg_in_french(guichet, tmp_path):
    out = tmp_path / "guichet.svg"
    assert run("render", guichet, "--lang", "fr", "--lint", "-o", str(out)).exit_code == 0
    texts = [t.text or "" for t in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}text")]
    assert "file saturée (affluence)" in texts and "sans réponse" in texts and "après les essais" in texts
    assert not set(ENGLISH_LEGEND) & set(texts)
    assert not set(ENGLISH_EDGE_WORDS) & set(texts)


@pytest.mark.parametrize("fmt", ["text", "mermaid", "dot"])
def test_english_is_the_default_and_auto_keeps_an_english_flow_english(guichet, write, fmt):
    english = str(write(GUICHET.replace("language: fr-FR", "language: en-GB"), "counter.yaml"))
    default = render(english, "-f", fmt, "--lint", "--scenario", "closed")
    assert render(english, "-f", fmt, "--lint", "--scenario", "closed", "--lang", "en") == default
    assert render(english, "-f", fmt, "--lint", "--scenario", "closed", "--lang", "auto") == default
    # the language asked for, not the flow's: a French flow is drawn in English unless asked
    french_flow = render(guichet, "-f", fmt, "--lint", "--scenario", "closed")
    assert french_flow == render(guichet, "-f", fmt, "--lint", "--scenario", "closed", "--lang", "en")
    assert french_flow != render(guichet, "-f", fmt, "--lint", "--scenario", "closed", "--lang", "fr")


def test_auto_follows_the_flows_language(guichet, write):
    assert render(guichet, "--lang", "auto") == render(guichet, "--lang", "fr")
    german = str(write(GUICHET.replace("language: fr-FR", "language: de-DE"), "schalter.yaml"))
    # no German words: English, as without --lang
    assert render(german, "--lang", "auto") == render(german)
    assert "schalter.yaml · 11 nodes" in render(german, "--lang", "auto")


def test_at_says_the_day_in_french():
    out = render(str(FLOWS / "impots-sip-lille.yaml"), "--lang", "fr", "--at", "2026-12-25 11:00")
    assert out.splitlines()[1].startswith(
        "impots-sip-lille.yaml · 15 étapes · moment : jour férié ou fermeture (ven. 2026-12-25 11:00 Europe/Paris, ")
    assert "(mar. 2026-12-01 19:00 Europe/Paris)" in render(str(FLOWS / "impots-sip-lille.yaml"), "--lang", "fr",
                                                           "--at", "2026-12-01 19:00").splitlines()[1]


def test_folded_branches_in_french(tmp_path):
    big = str(generated_flow(tmp_path / "big.yaml", 300))
    out = render(big, "--lang", "fr", "--max-nodes", "20")
    subtitle = out.splitlines()[1]
    assert re.search(r"· \d+ étapes sur \d+ repliées dans les cases ⋯ \(--max-nodes 20 ; --max-nodes 0 dessine "
                     r"tout\)$", subtitle), subtitle
    boxes = re.findall(r"⋯ (\d+) étapes? de plus \((ivr-lint render --focus \S+|non atteintes depuis le début)\)",
                       out)
    assert boxes
    assert "more node" not in out and "folded" not in out
    mermaid = render(big, "--lang", "fr", "--max-nodes", "20", "-f", "mermaid")
    assert "étapes de plus" in mermaid and "more nodes" not in mermaid


def test_diff_in_french(guichet, write):
    old = write(GUICHET.replace('      "0": file\n', ""), "ancien.yaml")
    out = render(guichet, "--lang", "fr", "--diff", str(old))
    assert "(+ ajout) 0 → file [file d'attente" in out
    assert out.splitlines()[1].endswith(
        "· depuis " + str(old) + " : 0 ajoutée, 1 modifiée, 0 supprimée (étapes ajoutées en vert, modifiées en "
        "orange, supprimées en rouge pointillé)")
    assert "added" not in out and "changed" not in out


def test_an_unknown_language_is_a_usage_error(guichet):
    result = run("render", guichet, "--lang", "de")
    assert result.exit_code == 2
    assert "'de' is not one of 'en', 'fr', 'auto'" in result.output


def test_every_word_has_both_languages_with_the_same_fields():
    """A word missing, or a `{field}` in one language only, would end a French render with a KeyError."""
    from ivr_lint.model.flow import EXIT_KINDS, NODE_TYPES
    from ivr_lint.render.style import EDGE_STYLES, LANGUAGES, NODE_STYLES, WORDS

    assert LANGUAGES == ("en", "fr")
    fields = string.Formatter()
    for key, entry in WORDS.items():
        assert len(entry) == len(LANGUAGES) and all(text.strip() for text in entry), key
        named = [sorted(f for _, f, _, _ in fields.parse(text) if f) for text in entry]
        assert named[0] == named[1], key
        assert len({text.count("|") for text in entry}) == 1, key
    for node_type in [*NODE_TYPES, *NODE_STYLES]:
        assert f"legend.{node_type}" in WORDS, node_type
    for node_type in NODE_TYPES:
        assert f"type.{node_type}" in WORDS, node_type
    for style in EDGE_STYLES:
        assert f"edge.{style}" in WORDS, style
    for kind in set(EXIT_KINDS.values()) - {"key", "case", "next"}:
        assert f"kind.{kind}" in WORDS, kind


def test_auto_draws_each_flow_of_a_directory_in_its_own_language(write, tmp_path):
    write(GUICHET, "flows/guichet.yaml")
    write(GUICHET.replace("language: fr-FR", "language: en-GB").replace("id: guichet", "id: counter"),
          "flows/counter.yaml")
    out = tmp_path / "diagrams"
    result = run("render", str(tmp_path / "flows"), "-o", str(out), "-f", "mermaid", "--lang", "auto")
    assert result.exit_code == 0, result.output
    french = (out / "guichet.mmd").read_text(encoding="utf-8")
    english = (out / "counter.mmd").read_text(encoding="utf-8")
    assert '["Légende"]' in french and '|"sans réponse"|' in french and "%% guichet.yaml · 11 étapes" in french
    assert '["Legend"]' in english and '|"no input"|' in english and "%% counter.yaml · 11 nodes" in english
