"""Imported prompts may hold `[unknown: ...]` parts: rules judge only the words they know."""

from tests.rules.service.flows import WELL_MADE

UNKNOWN = "[unknown: audio prompt 'bienvenue-et-informations-reglementaires-version-longue.wav']"


def test_unknown_audio_is_not_read_as_words(lint):
    text = WELL_MADE.replace('"Bienvenue à la mairie de Testville."', f'"{UNKNOWN}"')
    assert lint(text, "unclear-language")[0] == []
    flagged = [node for _, _, _, node in lint(text, "long-prompt", max_prompt_seconds=1.0)[0]]
    assert "welcome" not in flagged  # an audio file of unknown length is not a long prompt
    assert "main-menu" in flagged  # the known prompts still are judged
