from tests.rules.service.flows import WELL_MADE

LONG = " ".join(["Nous vous rappelons que vos démarches sont possibles en ligne."] * 8)


def test_prompt_over_30_seconds(lint):
    text = WELL_MADE.replace('"Vos actes d\'état civil se demandent en ligne sur testville.fr."', f'"{LONG}"')
    found, [finding] = lint(text, "long-prompt")
    assert found == [("long-prompt", 33, 13, "civil")]
    assert 30 < finding.extra["seconds"] < 60


def test_threshold_is_an_option(lint):
    assert [f[3] for f in lint(WELL_MADE, "long-prompt", max_prompt_seconds=5.0)[0]] == [
        "main-menu", "busy", "closed-message"]


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "long-prompt")[0] == []
