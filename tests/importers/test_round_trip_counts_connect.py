"""Amazon Connect round trip by counts: the export read here with plain `json` and this file's own reading
of Connect's flow language (not the importer's code), counted per file, and the same items counted in the
import: each menu's keys with their target, each prompt's words per action, each error branch per event
with its target, each condition, queue, transfer, callback and hours check.

Each count is asserted three ways: the export's, the import's (nodes carry their action's Identifier in
their origin; the loop passes the importer copies count once) and the hand-checked table below."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ivr_lint.importers import convert
from tests.conftest import CORPUS, run
from tests.importers.util import FIXTURES, load

CONNECT = sorted((CORPUS / "amazon-connect").glob("*.json")) if (CORPUS / "amazon-connect").is_dir() else []
OWN = [FIXTURES / n for n in ("connect_customer_queue.json", "connect_inbound_lex.json", "connect_flow.json",
                              "connect_store_input.json", "connect_legacy.json", "connect_wrapper.json")]
DTMF = set("0123456789*#")


# -- the export, read from the documentation of the flow language and of the legacy export -----------------
@dataclass
class Act:
    type: str
    params: dict
    next: str | None = None
    conditions: list = field(default_factory=list)  # (operator, operands, target)
    errors: list = field(default_factory=list)  # (ErrorType, target)
    dynamic: set = field(default_factory=set)  # legacy parameters given as an attribute (namespace)
    meta: dict = field(default_factory=dict)


#: legacy module type -> flow-language action type (a legacy Transfer by its target)
LEGACY = {"PlayPrompt": "MessageParticipant", "GetUserInput": "GetParticipantInput",
          "StoreUserInput": "GetParticipantInput", "CheckAttribute": "Compare", "Disconnect": "DisconnectParticipant",
          "LoopPrompts": "MessageParticipantIteratively", "InvokeExternalResource": "InvokeLambdaFunction",
          "SetQueue": "UpdateContactTargetQueue", "CreateCallback": "CreateCallbackContact",
          "SetCallbackNumber": "UpdateContactCallbackNumber"}
LEGACY_TRANSFER = {"Queue": "TransferContactToQueue", "Flow": "TransferToFlow",
                   "PhoneNumber": "TransferParticipantToThirdParty"}
LEGACY_ERRORS = {"Timeout": "InputTimeLimitExceeded", "NoMatch": "NoMatchingCondition", "Error": "NoMatchingError",
                 "AtCapacity": "QueueAtCapacity"}
NAMESPACE = {"External": "External", "User Defined": "Attributes", "System": "System", "Lex.Slots": "Lex.Slots",
             "Lex.Attributes": "Lex.SessionAttributes"}


def read(path: Path) -> tuple[dict[str, Act], str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(doc.get("ContactFlow"), dict):
        doc = json.loads(doc["ContactFlow"]["Content"])
    actions: dict[str, Act] = {}
    if "modules" in doc:
        for module in doc["modules"]:
            kind = module["type"]
            params, dynamic = {}, set()
            for p in module.get("parameters", []):
                params[p["name"]] = p.get("value")
                if p.get("namespace") in NAMESPACE and p["name"] in ("Text", "ContactFlowId", "Queue"):
                    params[p["name"]] = f"$.{NAMESPACE[p['namespace']]}.{p.get('value')}"
                    dynamic.add(p["name"])
            if kind == "StoreUserInput":
                params["StoreInput"] = "True"
            if kind == "CheckAttribute":
                namespace = params.get("Namespace") or "User Defined"
                params["ComparisonValue"] = f"$.{NAMESPACE.get(namespace, namespace)}.{params.get('Attribute')}"
            if params.get("TextToSpeechType") == "ssml":
                params["SSML"] = params.pop("Text", None)
            kind = LEGACY_TRANSFER.get(module.get("target"), kind) if kind == "Transfer" else LEGACY.get(kind, kind)
            act = Act(kind, params, dynamic=dynamic, meta=module.get("metadata") or {})
            for branch in module.get("branches", []):
                condition, to = branch["condition"], branch.get("transition")
                if not to:
                    continue
                if condition == "Success":
                    act.next = to
                elif condition == "Evaluate":
                    act.conditions.append((branch.get("conditionType") or "Equals", [branch.get("conditionValue")], to))
                elif condition in ("True", "False"):
                    act.conditions.append(("Equals", [condition], to))
                elif condition in ("Looping", "Complete"):
                    act.conditions.append(("Equals", ["ContinueLooping" if condition == "Looping" else "DoneLooping"],
                                           to))
                else:
                    act.errors.append((LEGACY_ERRORS.get(condition, condition), to))
            actions[module["id"]] = act
        return actions, doc["start"]
    metadata = (doc.get("Metadata") or {}).get("ActionMetadata") or {}
    for action in doc["Actions"]:
        t = action.get("Transitions") or {}
        actions[action["Identifier"]] = Act(
            action["Type"], action.get("Parameters") or {}, t.get("NextAction") or None,
            [(c["Condition"].get("Operator", "Equals"), [str(o) for o in c["Condition"].get("Operands") or []],
              c["NextAction"]) for c in t.get("Conditions") or [] if c.get("NextAction")],
            [(e["ErrorType"], e["NextAction"]) for e in t.get("Errors") or [] if e.get("NextAction")],
            meta=metadata.get(action["Identifier"]) or {})
    return actions, doc["StartAction"]


def flow_type(path: Path, actions: dict) -> str:
    """customerqueue, customerhold, contactflow...: the flow's type, as Metadata, the wrapper or the legacy
    export state it; a hold loop runs only in queue and hold flows, so a flow that has one and states
    no type is a customer queue flow."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    stated = (doc.get("ContactFlow") or {}).get("Type") if isinstance(doc.get("ContactFlow"), dict) else None
    if isinstance(doc.get("ContactFlow"), dict):
        doc = json.loads(doc["ContactFlow"]["Content"])
    stated = stated or doc.get("type") or (doc.get("Metadata") or {}).get("type")
    if not stated and any(a.type == "MessageParticipantIteratively" for a in actions.values()):
        stated = "customerQueue"
    return str(stated or "").replace("_", "").lower()


def silent(act: Act) -> bool:
    """Nothing the caller hears or does: attributes, logging, recording, Lambda calls."""
    return act.type.startswith(("Update", "Set")) or act.type in ("InvokeLambdaFunction", "TagContact", "Wait")


def is_menu(actions, act: Act) -> bool:
    """Get customer input with DTMF conditions, or Store customer input checked key by key right after."""
    if str(act.params.get("StoreInput")).lower() == "true":
        compare = actions.get(act.next)
        return bool(compare and compare.type == "Compare" and "StoredCustomerInput" in str(
            compare.params.get("ComparisonValue")) and compare.conditions and all(
            ops and ops[0] in DTMF for _, ops, _ in compare.conditions))
    return act.type == "GetParticipantInput" and bool(act.conditions)


class Export:
    def __init__(self, path: Path):
        self.actions, self.start = read(path)
        self.kind = flow_type(path, self.actions)
        #: where a queue or hold flow's end, and a hold loop never interrupted, leave the caller
        self.waiting = frozenset({"end of the customer queue flow"} if self.kind == "customerqueue" else
                                 {"end of the hold flow"} if self.kind.endswith("hold") else set())

    def land(self, target, seen=()) -> frozenset:
        """Where a transition to `target` shows in the import: that action, or (skipped silent steps
        whose outcomes all agree, a counted loop's first pass) where it leads."""
        act = self.actions.get(target)
        if act is None or target in seen:
            return frozenset({target})
        seen = (*seen, target)
        if silent(act):
            outs = {self.land(t, seen) for t in [act.next, *(e[1] for e in act.errors)] if t}
            return next(iter(outs)) if len(outs) == 1 else frozenset({target})
        if act.type == "Loop":  # kept as a branch on its count, or unrolled: its first pass
            ways = [t for _, ops, t in act.conditions if ops in (["ContinueLooping"], ["DoneLooping"])]
            return frozenset({target}).union(*(self.land(t, seen) for t in ways))
        if act.type == "EndFlowExecution" and self.kind == "customerqueue":  # back to waiting in the queue
            return self.waiting
        return frozenset({target})

    def counts(self) -> dict:
        keys, intents, conditions, errors, prompts = {}, {}, {}, {}, set()
        routes = {"queues": set(), "transfers": set(), "callbacks": set(), "hours": {}}
        compares_in_menus = {a.next for a in self.actions.values() if str(a.params.get("StoreInput")).lower() == "true"
                             and is_menu(self.actions, a)}
        for action_id, act in self.actions.items():
            said = words(act)
            if said is not None:
                prompts.add((action_id, said))
            if act.type in ("TransferContactToQueue", "DequeueContactAndTransferToQueue", "TransferContactToAgent"):
                routes["queues"].add(action_id)
            if act.type in ("TransferToFlow", "TransferParticipantToThirdParty"):
                routes["transfers"].add(action_id)
            if act.type == "CreateCallbackContact":
                routes["callbacks"].add(action_id)
            if act.type in ("CheckHoursOfOperation", "CheckStaffing"):
                for _, ops, to in act.conditions:
                    routes["hours"][(action_id, ops[0].lower())] = self.land(to)
            if silent(act) or action_id in compares_in_menus or act.type in ("Loop", "CheckHoursOfOperation",
                                                                              "CheckStaffing"):
                errors.update(self.errors_of(action_id, act))
                continue
            menu = is_menu(self.actions, act)
            if menu:
                listed = self.actions[act.next].conditions if act.next in compares_in_menus else act.conditions
                for _, ops, to in listed:
                    for key in ops:
                        keys.setdefault((action_id, key), self.land(to))
            elif act.type == "ConnectParticipantWithLexBot":
                for _, ops, to in act.conditions:
                    for intent in ops:
                        intents.setdefault((action_id, intent), self.land(to))
            elif act.type in ("Compare", "CheckMetricData", "DistributeByPercentage",
                              "MessageParticipantIteratively"):
                for _, _, to in act.conditions:
                    conditions.setdefault(action_id, []).append(self.land(to))
                fallback = dict(act.errors).get("NoMatchingCondition") or act.next
                if fallback and act.type != "MessageParticipantIteratively":  # no condition holds
                    conditions.setdefault(action_id, []).append(self.land(fallback))
                if act.type == "MessageParticipantIteratively" and not act.conditions:  # until an agent answers
                    conditions[action_id] = [self.waiting]
            errors.update(self.errors_of(action_id, act))
        return {"keys": keys, "intents": intents, "conditions": conditions, "errors": errors, "prompts": prompts,
                **routes}

    def loops(self) -> dict[str, tuple[set, frozenset]]:
        """Loop -> (the loop and its body: what ContinueLooping runs on the way back to it, where
        DoneLooping lands)."""
        out = {}
        for loop_id, act in self.actions.items():
            ways = {ops[0]: t for _, ops, t in act.conditions if ops}
            if act.type != "Loop" or "ContinueLooping" not in ways or "DoneLooping" not in ways:
                continue
            edges = {a: [t for t in [x.next, *(c[2] for c in x.conditions), *(e[1] for e in x.errors)] if t]
                     for a, x in self.actions.items()}
            forward, pending = set(), [ways["ContinueLooping"]]
            while pending:
                here = pending.pop()
                if here not in forward and here != loop_id and here in edges:
                    forward.add(here)
                    pending.extend(edges[here])
            body, grown = {loop_id}, True
            while grown:
                more = {a for a in forward - body if set(edges[a]) & body}
                body, grown = body | more, bool(more)
            out[loop_id] = (body, self.land(ways["DoneLooping"]))
        return out

    def errors_of(self, action_id: str, act: Act) -> dict:
        """(action, event) -> [where each distinct error of that event lands]: the error branches the
        import must have. Silence and a wrong key of an input are events of their own; NoMatchingError is
        the catch-all (it stands for whichever of the two the export leaves out); any other error is a
        branch when it leads elsewhere than the action's normal way, and NoMatchingError is not one where
        a more precise error of the action already leads."""
        by_type = dict(act.errors)
        found: dict[tuple, list] = {}

        def add(event, to):
            lands = self.land(to)
            if lands not in found.setdefault((action_id, event), []):
                found[(action_id, event)].append(lands)

        # (a transfer to a queue, to a number or to a flow ends the flow's part: its NextAction is not an
        # outcome the import has; an input's NextAction is no key)
        ends = act.type in ("TransferContactToQueue", "DequeueContactAndTransferToQueue", "TransferContactToAgent",
                            "TransferParticipantToThirdParty", "TransferToFlow", "GetParticipantInput",
                            "ConnectParticipantWithLexBot")
        normal = {self.land(t) for t in [None if ends else act.next, *(c[2] for c in act.conditions)] if t}
        if act.type == "MessageParticipantIteratively" and not act.conditions:
            normal.add(self.waiting)
        if act.type == "ConnectParticipantWithLexBot" or (act.type == "GetParticipantInput"
                                                          and is_menu(self.actions, act)):
            normal = {self.land(c[2]) for c in act.conditions}
            silence = by_type.get("InputTimeLimitExceeded") or by_type.get("NoMatchingError")
            wrong = by_type.get("NoMatchingCondition") or by_type.get("NoMatchingError")
            if str(act.params.get("StoreInput")).lower() == "true":  # the Compare after it tells a wrong key
                compare = dict(self.actions[act.next].errors)
                wrong = compare.get("NoMatchingCondition") or compare.get("NoMatchingError") or wrong
            if silence:
                add("no-input", silence)
            if wrong:
                add("no-match", wrong)
            other = by_type.get("NoMatchingError")
            if other and "InputTimeLimitExceeded" in by_type and "NoMatchingCondition" in by_type and \
                    self.land(other) not in normal | {self.land(silence), self.land(wrong)}:
                add("NoMatchingError", other)
            return found
        if act.type == "GetParticipantInput":  # Store customer input: digits kept, then on
            normal = {self.land(act.next)}
            silence = by_type.get("InputTimeLimitExceeded") or by_type.get("NoMatchingError")
            wrong = by_type.get("NoMatchingError") or by_type.get("InvalidNumber")
            for event, to in (("no-input", silence), ("invalid", wrong)):
                if to and self.land(to) not in normal:
                    add(event, to)
            return found
        precise = {self.land(t) for e, t in act.errors if e != "NoMatchingError"}
        for error_type, to in act.errors:
            lands = self.land(to)
            if error_type == "NoMatchingCondition" and act.type in ("Compare", "CheckMetricData",
                                                                     "DistributeByPercentage"):
                continue  # no condition holds: the branch's default, the normal way
            if lands in normal or (error_type == "NoMatchingError" and lands in precise):
                continue
            event = {"QueueAtCapacity": "congestion"}.get(error_type, error_type)
            if act.type in ("TransferToFlow", "TransferParticipantToThirdParty"):
                event = "failure"
            add(event, to)
        return found


def words(act: Act) -> str | None:
    """What an action says, as an import writes it: its text (markup dropped, `<sub>` read as its
    alias), `[unknown: ...]` for an audio prompt or an attribute's value; a hold loop's messages in turn."""
    if act.type == "MessageParticipantIteratively":
        messages = [Act("MessageParticipant", m, meta=act.meta) for m in act.params.get("Messages") or []]
        said = [w for w in map(words, messages) if w]
        return " ".join(said) or None
    if act.type not in ("MessageParticipant", "GetParticipantInput", "ConnectParticipantWithLexBot",
                        "TransferContactToQueue"):
        return None
    p = act.params
    text = p.get("SSML") or p.get("Text")
    if text:
        text = str(text)
        # given as an attribute (a legacy namespace), or the whole text is one (a name may hold spaces)
        if act.dynamic & {"Text", "SSML"} or re.fullmatch(r"\$\.[A-Za-z]\S*( \S+)*", text.strip()):
            return f"[unknown: prompt text from {text.strip()}]"
        if "<" in text:  # speech markup: the tags go, and the spaces they leave before punctuation
            text = re.sub(r'<sub\b[^>]*\balias="([^"]*)"[^>]*>.*?</sub>', r" \1 ", text)
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
            text = re.sub(r"\s+([.,;:!?])(?=\s|$)", r"\1", text)
        text = " ".join(text.split())
        return re.sub(r"\$\.[A-Za-z][\w.]*\w", lambda m: f"[unknown: value of {m.group(0)}]", text)
    for key in ("PromptId", "AudioPrompt", "Media"):
        if p.get(key):
            # the console keeps the prompt's name in the action's metadata (promptName, or per audio id)
            named = [a.get("text") for a in act.meta.get("audio") or [] if a.get("id") == p[key] and a.get("text")]
            name = act.meta.get("promptName") or (named[0] if named else None) or (
                p[key].get("Uri") if isinstance(p[key], dict) else str(p[key]))
            return f"[unknown: audio prompt '{name.rsplit('/', 1)[-1]}']"
    return None


# -- the import -----------------------------------------------------------------------------------------
class Import:
    def __init__(self, path: Path):
        self.result = convert(path.read_bytes(), str(path))
        self.flow = load(self.result)

    def of(self, node_id: str) -> str:
        """The export action a node comes from (its Identifier), or the importer's own end it stands for."""
        origin = self.result.origin_ids.get(node_id, node_id)
        return origin.rsplit(" ", 1)[-1] if origin.split(" ", 1)[0][:1].isupper() else origin

    def leaves(self, body: set, done: frozenset) -> bool:
        """The import goes from the loop or its body to where DoneLooping lands: the loop ends."""
        return any(self.of(t.target) in done for n in self.flow.nodes.values() if self.of(n.id) in body
                   for t in n.transitions if t.target in self.flow.nodes)

    def counts(self) -> dict:
        flow, of = self.flow, self.of
        keys, intents, conditions, errors, prompts = {}, {}, {}, {}, set()
        routes = {"queues": set(), "transfers": set(), "callbacks": set(), "hours": {}}

        def reasons(node_id):
            """A branch on `error` right after a failed transfer, of the same action: why it failed."""
            node = flow.nodes.get(node_id)
            return node if node is not None and node.type == "branch" and node.on == "error" else None

        failed = {n.on_failure for n in flow.nodes.values() if n.type == "transfer" and reasons(n.on_failure)
                  and of(n.on_failure) == of(n.id)}

        def ways(target):
            return [*reasons(target).cases.values(), reasons(target).default] if target in failed else [target]

        for node in flow.nodes.values():
            action = of(node.id)
            if node.prompt:
                prompts.add((action, node.prompt_text))
            origin_type = self.result.origin_ids[node.id].split(" ", 1)[0]
            origin_type = LEGACY.get(origin_type, origin_type)  # a legacy module is named by its own type
            if node.type == "queue" and origin_type[:1].isupper():
                routes["queues"].add(action)
            if node.type in ("transfer", "voicemail", "goto") and origin_type[:1].isupper() and \
                    origin_type not in ("EndFlowExecution",):
                routes["transfers"].add(action)
            if node.type == "callback":
                routes["callbacks"].add(action)
            if node.type == "hours" and origin_type in ("CheckHoursOfOperation",):
                routes["hours"].update({(action, "true"): of(node.open), (action, "false"): of(node.closed)})
            if node.type == "branch" and origin_type == "CheckStaffing" and node.on != "error":
                for value, target in node.cases.items():
                    routes["hours"][(action, value)] = of(target)
                routes["hours"].setdefault((action, "false"), of(node.default))

            def add(event, target, action=action):
                errors.setdefault((action, event), set()).add(of(target))

            if node.type == "menu":
                for key, option in node.options.items():
                    keys.setdefault((action, key), set()).add(of(node.id if option.repeat else option.next))
                for event, target in (("no-input", node.on_no_input), ("no-match", node.on_no_match)):
                    if target:
                        add(event, target)
                    elif node.retries:  # a loop's passes folded into the menu's retries: it replays first
                        add(event, node.id)
            elif node.type == "input":
                for event, target in (("no-input", node.on_no_input), ("invalid", node.on_invalid)):
                    if target and target != node.next:
                        add(event, target)
                    elif not target and node.retries:
                        add(event, node.id)
            elif node.id in failed:
                continue  # counted with the transfer it follows
            elif node.type == "branch" and node.on == "error":
                for error_type, target in node.cases.items():
                    # a transfer's failure, when the transfer became a voicemail or a callback: a branch before it
                    leaves = flow.nodes[node.default].type in ("transfer", "voicemail", "callback") if \
                        node.default in flow.nodes else False
                    add("failure" if leaves and of(node.default) == action else error_type, target)
            elif node.type == "branch" and (node.on or "").startswith("lex intent"):
                for intent, target in node.cases.items():
                    intents.setdefault((action, intent), set()).add(of(target))
                if node.default:
                    add("no-match", node.default)
            elif node.type == "branch" and origin_type in ("Compare", "CheckMetricData", "DistributeByPercentage"):
                conditions.setdefault(action, []).extend(of(t) for t in node.cases.values())
                if node.default and of(node.default) != action:  # the last of a chain of comparisons
                    conditions[action].append(of(node.default))
            elif node.type == "hours" and origin_type == "Compare":  # a holiday check on an attribute
                conditions.setdefault(action, []).extend([of(node.holiday), of(node.open)])
            elif node.type == "play" and origin_type == "MessageParticipantIteratively":
                after = flow.nodes.get(node.next)  # through the branch on its own errors
                if after is not None and after.type == "branch" and after.on == "error" and of(after.id) == action:
                    after = flow.nodes.get(after.default)
                conditions.setdefault(action, []).append(of(after.id) if after else node.next)
            if node.type == "queue" and node.congestion:
                add("congestion", node.congestion)
            if node.type == "transfer" and node.on_failure:
                for target in ways(node.on_failure):
                    add("failure", target)
        return {"keys": keys, "intents": intents, "conditions": conditions, "errors": errors, "prompts": prompts,
                **routes}


def same(export: dict, got: dict) -> None:
    """Equal keys (nothing dropped, nothing made up); each import target is where the export leads."""
    assert set(got) == set(export), (sorted(set(export) - set(got)), sorted(set(got) - set(export)))
    for item, lands in export.items():
        lands = lands if isinstance(lands, list) else [lands]
        targets = got[item] if isinstance(got[item], set) else {got[item]}
        assert targets <= frozenset().union(*lands), (item, targets, lands)
        # as many distinct branches as the export has distinct targets for that event
        assert all(lands_ & targets for lands_ in lands), (item, targets, lands)


def round_trip(path: Path) -> tuple[dict, dict]:
    reader, imp = Export(path), Import(path)
    export, got = reader.counts(), imp.counts()
    for name in ("keys", "intents", "errors", "hours"):
        same(export[name], got[name])
    for action, lands in export["conditions"].items():
        assert action in got["conditions"], action
        assert len(got["conditions"][action]) >= len(set(lands)) and all(
            any(t in one for one in lands) for t in got["conditions"][action]), (action, got["conditions"][action])
    assert set(got["conditions"]) == set(export["conditions"])
    # each action's words, said by its node(s), and no node says what its action does not
    assert got["prompts"] == export["prompts"], (sorted(export["prompts"] - got["prompts"]),
                                                 sorted(got["prompts"] - export["prompts"]))
    for name in ("queues", "transfers", "callbacks"):
        assert got[name] == export[name], name
    # a Loop keeps both ways out: its body (ContinueLooping) and, from the loop or its body, DoneLooping
    export["loops"] = set(reader.loops())
    got["loops"] = {loop for loop, (body, done) in reader.loops().items() if imp.leaves(body, done)}
    assert got["loops"] == export["loops"]
    return export, got


def table(export: dict) -> dict:
    return {"keys": len(export["keys"]), "intents": len(export["intents"]),
            "conditions": sum(len(v) for v in export["conditions"].values()),
            "errors": sum(len(v) for v in export["errors"].values()), "prompts": len(export["prompts"]),
            "queues": len(export["queues"]), "transfers": len(export["transfers"]),
            "callbacks": len(export["callbacks"]), "hours": len(export["hours"]), "loops": len(export["loops"])}


def row(keys=0, intents=0, conditions=0, errors=0, prompts=0, queues=0, transfers=0, callbacks=0, hours=0,
        loops=0) -> dict:
    return {"keys": keys, "intents": intents, "conditions": conditions, "errors": errors, "prompts": prompts,
            "queues": queues, "transfers": transfers, "callbacks": callbacks, "hours": hours, "loops": loops}


EXPECTED = {  # checked by hand against the exports: conditions count each comparison's cases and its default;
    # errors count each (action, event) branch that leads elsewhere than the action's normal way; hours count
    # the two ways (open/closed, true/false) of each hours check and legacy staffing check
    "describe-wrapper-scv-inbound.json": row(errors=5, prompts=5, queues=1, loops=1),
    "legacy-snippets-context-main.json": row(keys=6, conditions=7, errors=8, prompts=5, queues=1, transfers=2,
                                             loops=1),
    "legacy-snippets-dynamic-main-hours.json": row(errors=4, prompts=4, queues=1, hours=4),
    "legacy-snippets-make-payment.json": row(keys=5, conditions=10, errors=8, prompts=11, queues=1, transfers=1,
                                             loops=1),
    "siqc-callback-outbound.json": row(errors=2, callbacks=1),
    "connect_customer_queue.json": row(keys=2, conditions=5, errors=3, prompts=6, callbacks=1, loops=1),
    "connect_inbound_lex.json": row(keys=2, intents=2, errors=8, prompts=6, queues=1, transfers=1, hours=2),
    "connect_flow.json": row(keys=2, errors=5, prompts=4, queues=1, callbacks=1, hours=2),
    "connect_store_input.json": row(keys=2, conditions=2, errors=6, prompts=1, queues=1, transfers=2, loops=1),
    "connect_legacy.json": row(keys=2, errors=5, prompts=2, queues=1, hours=2),
    "connect_wrapper.json": row(prompts=1),
}


@pytest.mark.parametrize("path", [*CONNECT, *OWN], ids=lambda p: p.name)
def test_connect_counts(path):
    export, _ = round_trip(path)
    assert table(export) == EXPECTED[path.name]


# -- a hand-made flow for what the corpus does not exercise ------------------------------------------------
def action(identifier, kind, params=None, next_=None, conditions=(), errors=()):
    return {"Identifier": identifier, "Type": kind, "Parameters": params or {}, "Transitions": {
        **({"NextAction": next_} if next_ else {}),
        "Conditions": [{"NextAction": to, "Condition": {"Operator": op, "Operands": [value]}}
                       for op, value, to in conditions],
        "Errors": [{"NextAction": to, "ErrorType": kind_} for kind_, to in errors]}}


OWN_FLOW = {"Version": "2019-10-30", "StartAction": "accueil", "Metadata": {
    "type": "contactFlow", "ActionMetadata": {"ferme": {"promptName": "Fermeture-ete.wav"}}},
    "Actions": [
    action("accueil", "MessageParticipant", {"SSML": "<speak>Bonjour <say-as interpret-as='characters'>"
                                                     "$.Attributes.prenom</say-as>, bienvenue.</speak>"},
           "horaires"),
    action("horaires", "CheckHoursOfOperation", {}, None, [("Equals", "True", "menu"), ("Equals", "False", "ferme")],
           [("NoMatchingError", "erreur")]),
    action("ferme", "MessageParticipant", {"PromptId": "arn:aws:connect:eu-west-3:1:instance/i/prompt/99"}, "fin"),
    action("menu", "GetParticipantInput", {"Text": "Pour un conseiller, tapez 1. Pour laisser un numéro, "
                                                   "tapez 2. Pour l'accueil, tapez 3.", "StoreInput": "False",
                                           "InputTimeLimitSeconds": "5"}, None,
           [("Equals", "1", "agents"), ("Equals", "2", "numero"), ("Equals", "3", "standard")],
           [("InputTimeLimitExceeded", "rien"), ("NoMatchingCondition", "erreur"), ("NoMatchingError", "fin")]),
    action("rien", "MessageParticipant", {"Text": "Nous n'avons rien entendu."}, "boucle"),
    action("boucle", "Loop", {"LoopCount": "2"}, None,
           [("Equals", "ContinueLooping", "menu"), ("Equals", "DoneLooping", "fin")]),
    # live metric: at least one agent available; no condition holds and a platform error go two ways
    action("agents", "CheckMetricData", {"MetricType": "NumberOfAgentsAvailable"}, None,
           [("NumberGreaterThan", "0", "file")], [("NoMatchingCondition", "numero"), ("NoMatchingError", "erreur")]),
    action("file", "TransferContactToQueue", {}, None, [],
           [("QueueAtCapacity", "numero"), ("NoMatchingError", "erreur")]),
    action("numero", "GetParticipantInput", {"Text": "Tapez votre numéro puis dièse.", "StoreInput": "True",
                                             "InputTimeLimitSeconds": "8"}, "rappel",
           [], [("InputTimeLimitExceeded", "fin"), ("InvalidNumber", "erreur")]),
    action("rappel", "CreateCallbackContact", {"InitialCallDelaySeconds": "60"}, "fin", [],
           [("NoMatchingError", "erreur")]),
    # an outside number: a failed call and no answer in time go two different ways
    action("standard", "TransferParticipantToThirdParty", {"ThirdPartyPhoneNumber": "+33472000000",
                                                           "ThirdPartyConnectionTimeoutSeconds": "20"}, None, [],
           [("CallFailed", "erreur"), ("ConnectionTimeLimitExceeded", "numero")]),
    action("erreur", "MessageParticipant", {"Text": "Une erreur est survenue."}, "fin"),
    action("fin", "DisconnectParticipant"),
]}


def test_own_flow_counts(tmp_path):
    """A live metric whose no-match and error differ, an outside number whose failure and timeout differ,
    a stored number with its silence and invalid input, an audio prompt named in the metadata, SSML with
    an attribute, a menu whose silence goes round a counted loop."""
    path = tmp_path / "mairie.json"
    path.write_text(json.dumps(OWN_FLOW, ensure_ascii=False), encoding="utf-8")
    export, got = round_trip(path)
    assert table(export) == row(keys=3, conditions=2, errors=12, prompts=6, queues=1, transfers=1, callbacks=1,
                                hours=2, loops=1)
    assert ("ferme", "[unknown: audio prompt 'Fermeture-ete.wav']") in got["prompts"]
    assert ("accueil", "Bonjour [unknown: value of $.Attributes.prenom], bienvenue.") in got["prompts"]
    flow = load(convert(path.read_bytes(), str(path)))
    # Check queue status: no condition holding leads to the callback number, the metric's error elsewhere
    assert (flow.nodes["agents"].on, flow.nodes["agents"].cases, flow.nodes["agents"].default) == (
        "error", {"NoMatchingError": "erreur"}, "agents-metric")
    metric = flow.nodes["agents-metric"]
    assert (metric.on, metric.cases, metric.default) == (
        "NumberOfAgentsAvailable of the contact's queue greater than 0", {"true": "file"}, "numero")
    # the outside number: the call failing and no answer within the 20 s are two ways out
    failed = flow.nodes[flow.nodes["standard"].on_failure]
    assert (failed.on, failed.cases, failed.default) == ("error", {"ConnectionTimeLimitExceeded": "numero"}, "erreur")


def test_every_case_of_every_branch_on_an_imported_variable_is_steered(tmp_path):
    """`simulate` runs each import, and `--var NAME=VALUE` (the name as the import writes it: `error`,
    `$.External.At capacity`, a live metric's comparison) takes each case of every branch on a variable
    the caller does not type, in a call started at that branch."""
    from ivr_lint.cli.simulate import parse_vars
    from ivr_lint.simulate.engine import Call, Caller, CallSettings
    from ivr_lint.simulate.loading import load_flow

    own = tmp_path / "mairie.json"
    own.write_text(json.dumps(OWN_FLOW, ensure_ascii=False), encoding="utf-8")
    steered = 0
    for path in [*CONNECT, *OWN, own]:
        out = run("simulate", str(path), "--keys", "", "--at", "2026-12-01 10:00", "-f", "json")
        assert out.exit_code in (0, 1), (path.name, out.output[-300:])
        loaded = load_flow(str(path))
        flow = loaded.file.flow
        answered = {n.variable for n in flow.nodes.values() if n.type == "input"}
        names = [n.on for n in flow.nodes.values() if n.type == "branch" and n.on]
        for node in flow.nodes.values():
            if node.type != "branch" or not node.on or node.on in answered:
                continue
            for value, target in node.cases.items():
                variables = parse_vars((f"{node.on}={value}",), names)
                assert variables == {node.on: value}
                settings = CallSettings(moment=datetime(2026, 12, 1, 10, 0), variables=variables)
                transcript = Call(loaded.project, loaded.file, settings, Caller(), start_node=node.id).run()
                assert transcript.steps[0].edge.transition.target == target, (path.name, node.id, node.on, value)
                steered += 1
    assert steered  # the fixtures alone have branches on `error`, on attributes and on live metrics


OWN_QUEUE = {"Version": "2019-10-30", "StartAction": "offre", "Metadata": {"type": "customerQueue"}, "Actions": [
    # only the catch-all: it stands for silence and for a wrong key
    action("offre", "GetParticipantInput", {"Text": "Pour patienter, tapez 1. Pour être rappelé, tapez 2.",
                                            "StoreInput": "False"}, None,
           [("Equals", "1", "attente"), ("Equals", "2", "rappel")], [("NoMatchingError", "pardon")]),
    action("pardon", "MessageParticipant", {"Text": "Pardon ?"}, "attente"),
    # never interrupted: it plays until an agent answers; its error ends the queue flow, which is the same
    action("attente", "MessageParticipantIteratively", {"Messages": [
        {"Text": "Merci de patienter."}, {"PromptId": "arn:aws:connect:eu-west-3:1:instance/i/prompt/abc"}]},
        None, [], [("NoMatchingError", "fin")]),
    action("rappel", "CreateCallbackContact", {}, "raccroche", [], [("NoMatchingError", "raccroche")]),
    action("fin", "EndFlowExecution"),
    action("raccroche", "DisconnectParticipant"),
]}


def test_own_queue_flow_counts(tmp_path):
    """A customer queue flow: a menu with only NoMatchingError (silence and a wrong key both), a hold
    loop never interrupted whose error ends the flow (back in the queue either way), a callback."""
    path = tmp_path / "file.json"
    path.write_text(json.dumps(OWN_QUEUE, ensure_ascii=False), encoding="utf-8")
    export, got = round_trip(path)
    assert table(export) == row(keys=2, conditions=1, errors=2, prompts=3, callbacks=1)
    assert got["errors"] == {("offre", "no-input"): {"pardon"}, ("offre", "no-match"): {"pardon"}}
    assert got["conditions"] == {"attente": ["end of the customer queue flow"]}
