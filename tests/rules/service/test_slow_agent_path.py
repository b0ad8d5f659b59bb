from tests.rules.service.flows import WELL_MADE

LONG_WELCOME = ("Bienvenue à la mairie de Testville. " * 30).strip()


def test_too_many_seconds_before_a_person(lint):
    text = WELL_MADE.replace('"Bienvenue à la mairie de Testville."', f'"{LONG_WELCOME}"')
    found, [finding] = lint(text, "slow-agent-path")
    assert found == [("slow-agent-path", 14, 8, None)]
    assert finding.path == ["welcome", "check-hours", "main-menu", "agent"]
    assert "s of prompts and waiting (limit 60 s), with 1 key press (key 0 at main-menu)" in finding.message


def test_limits_are_options(lint):
    assert lint(WELL_MADE, "slow-agent-path", max_agent_seconds=5.0)[0] == [("slow-agent-path", 14, 8, None)]
    # silence leads to the agent too (on_max_retries): that way needs no key at all
    assert lint(WELL_MADE, "slow-agent-path", max_agent_keys=0)[0] == []
    no_silent_way = WELL_MADE.replace("    on_max_retries: agent\n  civil:", "    on_max_retries: callback\n  civil:")
    found, [finding] = lint(no_silent_way, "slow-agent-path", max_agent_keys=0)
    assert found == [("slow-agent-path", 14, 8, None)]
    assert finding.message.startswith("reaching a person needs at least 1 key press (limit 0)")


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "slow-agent-path")[0] == []
