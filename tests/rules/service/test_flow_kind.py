"""`kind: in-queue | outbound` flows are not a caller's way in: the inbound journey rules skip them."""

import pytest

from tests.conftest import findings, run_json
from tests.rules.service.flows import WELL_MADE

NO_AGENT = WELL_MADE.replace('"0": agent', '"0": civil').replace("    next: agent\n  agent:", "    next: goodbye\n  agent:")
NO_AGENT = NO_AGENT.replace("on_max_retries: agent", "on_max_retries: callback")


def test_inbound_is_the_default_and_in_queue_skips_the_journey_rules(write):
    service = ("--select", "service")
    assert [f["rule"] for f in run_json("check", *service, str(write(NO_AGENT)))[1]["findings"]] == ["no-agent-path"]
    in_queue = NO_AGENT.replace("language: fr-FR", "language: fr-FR\nkind: in-queue")
    assert run_json("check", *service, str(write(in_queue, "queue.yaml")))[1]["findings"] == []


def test_prompt_rules_still_apply_to_other_kinds(write):
    text = WELL_MADE.replace("language: fr-FR", "language: fr-FR\nkind: outbound").replace(
        'phone: "01 23 45 67 89"', 'phone: "08 92 68 01 01"')
    assert [f["rule"] for f in run_json("check", str(write(text)))[1]["findings"]] == ["surcharged-number"]


@pytest.mark.parametrize("kind", ["incoming", "1"])
def test_unknown_kind_is_a_schema_error(write, kind):
    path = write(WELL_MADE.replace("language: fr-FR", f"language: fr-FR\nkind: {kind}"))
    assert findings(path) == [("schema-error", 4, 7)]
