"""Markup removed from a prompt leaves the author's spacing: French punctuation keeps its space.

French writes a space before `!`, `?`, `:` and `;` ("Bonjour !"). Importers strip SSML and
VoiceXML tags, and must take out only the space the removed tag left behind ("1<break/>."),
never the one the author typed: the prompt quoted in a finding, spoken by `simulate --speak`
and read by the rules is the export's own sentence.
"""

from __future__ import annotations

import json

import yaml

from tests.conftest import run


def imported_prompts(path) -> dict[str, str]:
    result = run("import", str(path))
    assert result.exit_code == 0, result.stderr
    nodes = yaml.safe_load(result.stdout)["nodes"]
    return {name: node["prompt"] for name, node in nodes.items() if isinstance(node.get("prompt"), str)}


def test_connect_ssml_keeps_french_spaces_and_drops_the_ones_tags_left(tmp_path):
    path = tmp_path / "accueil.json"
    path.write_text(json.dumps({"StartAction": "hello", "Metadata": {"type": "contactFlow"}, "Actions": [
        {"Identifier": "hello", "Type": "MessageParticipant",
         "Parameters": {"SSML": "<speak>Bonjour <emphasis>et bienvenue</emphasis> ! Une question ? "
                                "Tapez <say-as interpret-as=\"digits\">1</say-as><break time=\"1s\"/>.</speak>"},
         "Transitions": {"NextAction": "bye"}},
        {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}),
        encoding="utf-8")
    assert imported_prompts(path)["hello"] == "Bonjour et bienvenue ! Une question ? Tapez 1."


def test_voicexml_prompt_pieces_join_without_eating_the_authors_spaces(tmp_path):
    path = tmp_path / "menu.vxml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<vxml version="2.1" xmlns="http://www.w3.org/2001/vxml" xml:lang="fr-FR">
  <form id="accueil">
    <block>
      <prompt>Attention : nos horaires changent<break time="300ms"/>. Merci <emphasis>beaucoup</emphasis> !</prompt>
      <prompt>Press <say-as interpret-as="digits">2</say-as><break/>, then hold on ; please wait<break/>!</prompt>
      <disconnect/>
    </block>
  </form>
</vxml>
""", encoding="utf-8")
    said = " ".join(imported_prompts(path).values())
    assert "Attention : nos horaires changent. Merci beaucoup !" in said
    assert "Press 2, then hold on ; please wait!" in said
