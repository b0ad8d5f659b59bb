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


def test_the_message_never_reads_as_within_the_limit(lint):
    """A prompt just over the limit shows the decimals that put it over ("20.3 s (limit 20 s)")."""
    [finding] = [f for f in lint(WELL_MADE, "long-prompt", max_prompt_seconds=1.0)[1] if f.node == "main-menu"]
    seconds = finding.extra["seconds"]
    for limit in (int(seconds), seconds - 0.04, seconds - 0.6):
        [finding] = [f for f in lint(WELL_MADE, "long-prompt", max_prompt_seconds=float(limit))[1]
                     if f.node == "main-menu"]
        said = float(finding.message.split("lasts about ")[1].split(" s")[0])
        assert said > limit, finding.message
        assert f"(limit {float(limit):g} s)" in finding.message
