"""Amazon Connect round trip: every key, prompt, queue, transfer, hours check and error branch of the export,
read here with plain `json` (not the importer's code), is in the import with the right target.

Run on the shared corpus (skipped where absent) and on this repository's own fixtures."""

import html
import json
import re

import pytest

from ivr_lint.importers import convert
from tests.conftest import CORPUS, run
from tests.importers.util import FIXTURES, load

CONNECT = sorted((CORPUS / "amazon-connect").glob("*.json")) if (CORPUS / "amazon-connect").is_dir() else []
OWN = [FIXTURES / n for n in ("connect_customer_queue.json", "connect_inbound_lex.json", "connect_flow.json",
                              "connect_store_input.json", "connect_legacy.json")]
LEGACY_NEXT = {"Success", "Looping", "Complete", "True", "False", "Evaluate"}
QUEUES = {"TransferContactToQueue", "DequeueContactAndTransferToQueue", "TransferContactToAgent"}
TRANSFERS = {"TransferToFlow", "TransferParticipantToThirdParty"}
HOURS = {"CheckHoursOfOperation"}
PROMPTED = {"MessageParticipant", "PlayPrompt", "GetParticipantInput", "GetUserInput", "StoreUserInput",
            "ConnectParticipantWithLexBot"}


def read(path):
    """{id: (type, target, params, [(kind, value, next)])} and the start, from the raw JSON."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(doc.get("ContactFlow"), dict):
        doc = json.loads(doc["ContactFlow"]["Content"])
    actions = {}
    if "modules" in doc:
        for module in doc["modules"]:
            params = {p["name"]: p.get("value") for p in module.get("parameters", [])}
            edges = [(b["condition"], b.get("conditionValue"), b["transition"]) for b in module.get("branches", [])
                     if b.get("transition")]
            actions[module["id"]] = (module["type"], module.get("target"), params, edges)
        return actions, doc["start"]
    for action in doc["Actions"]:
        transitions = action.get("Transitions") or {}
        edges = [("Success", None, transitions["NextAction"])] if transitions.get("NextAction") else []
        edges += [("Evaluate", (c["Condition"].get("Operands") or [""])[0], c["NextAction"])
                  for c in transitions.get("Conditions") or [] if c.get("NextAction")]
        edges += [(e["ErrorType"], None, e["NextAction"]) for e in transitions.get("Errors") or []
                  if e.get("NextAction")]
        actions[action["Identifier"]] = (action["Type"], None, action.get("Parameters") or {}, edges)
    return actions, doc["StartAction"]


def silent(kind):
    return kind.startswith(("Set", "Update")) or kind in ("InvokeLambdaFunction", "InvokeExternalResource")


def prompt_words(params):
    text = params.get("Text") or params.get("SSML") or ""
    if not isinstance(text, str) or text.strip().startswith("$."):
        return None
    text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    words = " ".join(re.split(r"\$\.", text)[0].split())
    return words[:30] or None


def check(path):
    actions, start = read(path)
    result = convert(path.read_bytes(), str(path))
    flow = load(result)
    nodes_of: dict[str, list] = {}
    for node_id, origin in result.origin_ids.items():
        nodes_of.setdefault(origin.rsplit(" ", 1)[-1], []).append(flow.nodes[node_id])
    prompts = " ".join(n.prompt_text for n in flow.nodes.values())
    stored_compares = {t for kind, _, params, edges in actions.values() for e in edges for t in [e[2]]
                       if kind in ("GetParticipantInput", "StoreUserInput") and actions.get(t, ("",))[0] in (
                           "Compare", "CheckAttribute")}

    def lands(target, seen=()):
        """The export actions a transition to `target` may be found at in the import."""
        if target not in actions or target in seen:
            return {target}
        kind, _, _, edges = actions[target]
        if target in nodes_of and not (silent(kind) and len(nodes_of[target]) == 1 and
                                       nodes_of[target][0].type == "hangup"):
            return {target}
        if silent(kind) or kind == "Loop":  # shown as nothing: where it leads
            out = {target} if target in nodes_of else set()
            for edge_kind, _, nxt in edges:
                if edge_kind in LEGACY_NEXT or kind == "Loop":
                    out |= lands(nxt, (*seen, target))
            return out | ({"*loop*"} if kind == "Loop" else set())
        return {target, "*ends*"} if kind == "EndFlowExecution" else {target}

    counts = dict.fromkeys(("keys", "prompts", "queues", "transfers", "hours", "errors"), 0)
    for action_id, (kind, target, params, edges) in actions.items():
        mine = nodes_of.get(action_id, [])
        if kind in PROMPTED and prompt_words(params):
            assert prompt_words(params) in prompts, (action_id, prompt_words(params))
            counts["prompts"] += 1
        for message in params.get("Messages") or [] if kind == "MessageParticipantIteratively" else []:
            if prompt_words(message):  # each message of a hold loop
                assert prompt_words(message) in " ".join(n.prompt_text for n in mine), action_id
                counts["prompts"] += 1
        if kind in QUEUES or (kind == "Transfer" and target == "Queue"):
            assert any(n.type == "queue" for n in mine), action_id
            counts["queues"] += 1
        if kind in TRANSFERS or (kind == "Transfer" and target in ("Flow", "PhoneNumber")):
            assert any(n.type in ("transfer", "voicemail", "callback", "goto") for n in mine), action_id
            counts["transfers"] += 1
        if kind in HOURS:
            assert any(n.type == "hours" for n in mine), action_id
            counts["hours"] += 1
        if silent(kind) or kind == "Loop" or not mine:
            continue
        sources = [n for n in flow.nodes.values() if n in mine]
        reached = {t.target for n in sources for t in n.transitions}
        reached_actions = {result.origin_ids[t].rsplit(" ", 1)[-1] for t in reached} | (
            {action_id} if any(t.target in {n.id for n in sources} for n in sources for t in n.transitions) else set())
        for edge_kind, value, nxt in edges:
            wanted = lands(nxt)
            if "*loop*" in wanted:
                wanted |= {action_id}  # a loop back to the menu: its retries or a repeat key
            if "*ends*" in wanted:
                wanted |= {"end of the customer queue flow"}
            ok = bool(wanted & reached_actions) or ("*ends*" in wanted and any(
                flow.nodes[t].type in ("queue", "transfer", "hangup") for t in reached))
            assert ok, (path.name, action_id, edge_kind, value, nxt, sorted(reached_actions))
            menu_key = edge_kind == "Evaluate" and kind in ("GetUserInput", "GetParticipantInput") and \
                value in tuple("0123456789*#")
            if menu_key or (edge_kind == "Evaluate" and action_id in stored_compares and value in tuple(
                    "0123456789*#")):
                menus = [n for n in flow.nodes.values() if n.type == "menu" and value in n.options and (
                    n in mine or action_id in stored_compares)]
                assert menus, (action_id, value)
                counts["keys"] += 1
            elif edge_kind not in LEGACY_NEXT:
                counts["errors"] += 1
    return result, flow, counts


EXPECTED = {  # counted by the reading above; the fixtures' counts checked by hand
    "describe-wrapper-scv-inbound.json": {"keys": 0, "prompts": 5, "queues": 1, "transfers": 0, "hours": 0,
                                          "errors": 2},
    "legacy-snippets-context-main.json": {"keys": 6, "prompts": 5, "queues": 1, "transfers": 2, "hours": 0,
                                          "errors": 13},
    "legacy-snippets-dynamic-main-hours.json": {"keys": 0, "prompts": 3, "queues": 1, "transfers": 0,
                                                "hours": 1, "errors": 4},
    "legacy-snippets-make-payment.json": {"keys": 5, "prompts": 11, "queues": 1, "transfers": 1, "hours": 0,
                                          "errors": 20},
    "siqc-callback-outbound.json": {"keys": 0, "prompts": 0, "queues": 0, "transfers": 0, "hours": 0,
                                    "errors": 1},
    "connect_customer_queue.json": {"keys": 2, "prompts": 6, "queues": 0, "transfers": 0, "hours": 0,
                                    "errors": 6},
    "connect_inbound_lex.json": {"keys": 2, "prompts": 5, "queues": 1, "transfers": 1, "hours": 1, "errors": 9},
}


@pytest.mark.parametrize("path", [*CONNECT, *OWN[:2]], ids=lambda p: p.name)
def test_round_trip_keeps_every_key_prompt_route_and_error_branch(path):
    _, _, counts = check(path)
    assert counts == EXPECTED[path.name]


@pytest.mark.parametrize("path", [*CONNECT, *OWN], ids=lambda p: p.name)
def test_every_import_simulates_and_its_variables_steer_it(path):
    """`simulate` runs each import; `--var NAME=VALUE`, the name quoted as the import writes it, takes
    each case of every branch on an imported variable."""
    flow = load(convert(path.read_bytes(), str(path)))
    out = run("simulate", str(path), "--keys", "", "--at", "2026-12-01 10:00", "-f", "json")
    assert out.exit_code in (0, 1), out.output
    answered = {n.variable for n in flow.nodes.values() if n.type == "input"}  # set by the caller's answer
    for node in flow.nodes.values():
        if node.type != "branch" or node.on == "error" or not node.cases or node.on in answered:
            continue
        value, target = next(iter(node.cases.items()))
        out = run("simulate", str(path), "--keys", "1,1,1", "--at", "2026-12-01 10:00", "-f", "json",
                  "--var", f"{node.on}={value}", "--max-steps", "60")
        assert out.exit_code in (0, 1), out.output
        steps = [s["node"] for s in json.loads(out.stdout)["steps"]]
        if node.id in steps:
            assert steps[steps.index(node.id) + 1] == target, (node.id, node.on, value)


@pytest.mark.parametrize("path", [*CONNECT, *OWN[:2]], ids=lambda p: p.name)
def test_import_has_as_many_queues_transfers_and_hours_checks_as_the_export(path):
    """Counted on the import side too (one per export action, however many nodes it became): nothing
    dropped, nothing made twice."""
    actions, _ = read(path)
    result = convert(path.read_bytes(), str(path))
    flow = load(result)
    of = {n: result.origin_ids[n].rsplit(" ", 1)[-1] for n in flow.nodes}
    kinds = {a: (kind, target) for a, (kind, target, _, _) in actions.items()}

    def export(test):
        return sum(test(kind, target) for kind, target in kinds.values())

    def imported_(types, test):
        return len({of[n.id] for n in flow.nodes.values() if n.type in types and of[n.id] in kinds
                    and test(*kinds[of[n.id]])})

    queue = lambda kind, target: kind in QUEUES or (kind == "Transfer" and target == "Queue")  # noqa: E731
    transfer = lambda kind, target: kind in TRANSFERS or (kind == "Transfer" and target in ("Flow", "PhoneNumber"))  # noqa: E731
    hours = lambda kind, target: kind in HOURS  # noqa: E731
    assert imported_({"queue"}, queue) == export(queue) == EXPECTED[path.name]["queues"]
    assert imported_({"transfer", "voicemail", "callback", "goto"}, transfer) == export(transfer) == \
        EXPECTED[path.name]["transfers"]
    assert imported_({"hours"}, hours) == export(hours) == EXPECTED[path.name]["hours"]
