"""Amazon Connect contact flows: the flow language, the DescribeContactFlow wrapper, legacy modules.

The three variants are normalised to one list of actions (flow-language names), then
converted. What the caller meets becomes a node; actions that only set attributes,
logging or recording lead straight on and are not shown. Platform errors
(`NoMatchingError` and friends) that lead somewhere else become a `branch` on `error`
whose default is the normal path, so error handlers stay reachable and the simulator
follows the normal path unless told otherwise (`--var error=NoMatchingError`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from ivr_lint.importers.draft import Draft
from ivr_lint.importers.jsonpos import parse_json
from ivr_lint.importers.result import ImportFailure, unknown_text
from ivr_lint.importers.textutil import (decode_export, kebab, looks_like_ssml, normalise_language, squash,
                                        ssml_to_text)

FORMAT = "amazon-connect"
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DTMF = set("0123456789*#")
_RUNTIME = re.compile(r"""\$\.[A-Za-z](?:[\w.]*\w)?(?:\[(?:'[^']+'|"[^"]+")\](?:[\w.]*\w)?)*""")
#: a whole text that is only an attribute reference, whose name may hold spaces or dots
#: (`$.External.At capacity`, `$.Attributes['Opening message']`)
_ATTRIBUTE = re.compile(r"""\$\.[A-Za-z][\w.]*(?:\[(?:'[^']+'|"[^"]+")\]|[\w. \-])*""")
_VOICEMAIL_WORDS = re.compile(r"voice ?mail|leave (us )?a message|after the (tone|beep)", re.I)

#: actions that change nothing the caller hears or does (their errors may still branch)
SILENT = {
    "UpdateFlowLoggingBehavior", "UpdateContactRecordingBehavior", "UpdateContactAttributes",
    "UpdateContactEventHooks", "UpdateContactTextToSpeechVoice", "UpdateContactData", "UpdateFlowAttributes",
    "UpdateContactRoutingBehavior", "UpdateContactRecordingAndAnalyticsBehavior", "UpdateContactMediaProcessing",
    "UpdateContactTargetQueue", "UpdateContactCallbackNumber", "UpdateContactMediaStreamingBehavior",
    "UpdateRoutingCriteria", "UpdatePreviousContactParticipantState", "CreateTask", "CreateCase",
    "UpdateCase", "GetCase", "TagContact", "UnTagContact", "Wait", "ResumeContact", "InvokeLambdaFunction",
    "InvokeExternalResource", "UpdateContactAgentInteractionBehavior", "SetLoggingBehavior", "SetAttributes",
    "SetEventHook", "SetVoice", "SetRecordingBehavior", "SetWhisperFlow", "SetHoldFlow", "SetCustomerQueueFlow",
    "SetDisconnectFlow", "SetContactFlow", "SetContactData", "SetRoutingCriteria",
}

#: short words for node ids, by action type
KIND = {
    "MessageParticipant": "message", "MessageParticipantIteratively": "messages", "GetParticipantInput": "input",
    "ConnectParticipantWithLexBot": "lex-bot", "TransferContactToQueue": "to-queue",
    "DequeueContactAndTransferToQueue": "to-queue", "TransferContactToAgent": "to-agent",
    "TransferParticipantToThirdParty": "to-number", "TransferToFlow": "to-flow", "InvokeFlowModule": "module",
    "CheckHoursOfOperation": "hours", "InvokeLambdaFunction": "lambda", "Compare": "compare", "Loop": "loop",
    "DisconnectParticipant": "disconnect", "EndFlowExecution": "end-flow", "EndFlowModuleExecution": "end-module",
    "CreateCallbackContact": "callback", "UpdateContactCallbackNumber": "callback-number",
    "CheckMetricData": "staffing", "CheckStaffing": "staffing", "UpdateContactTargetQueue": "set-queue",
    "UpdateContactMediaStreamingBehavior": "streaming", "DistributeByPercentage": "distribute",
}


@dataclass
class Action:
    id: str
    type: str
    params: dict
    next: str | None = None
    conditions: list[tuple[str, list[str], str]] = field(default_factory=list)  # operator, operands, target
    errors: list[tuple[str, str]] = field(default_factory=list)  # error type, target
    pos: tuple[int, int] | None = None
    meta: dict = field(default_factory=dict)
    dynamic: set[str] = field(default_factory=set)  # parameters whose value names an attribute
    source_type: str = ""  # the legacy module type, when it was renamed

    def error(self, *names: str) -> str | None:
        for name in names:
            for error_type, target in self.errors:
                if error_type == name:
                    return target
        return None

    @property
    def targets(self) -> list[str]:
        return [t for t in [self.next, *(c[2] for c in self.conditions), *(e[1] for e in self.errors)] if t]


def convert(data: bytes, name: str) -> Draft:
    text = decode_export(data)
    doc = parse_json(text)
    top = doc.value
    if not isinstance(top, dict):
        raise ImportFailure("an Amazon Connect export is a JSON object, not a list or a value", 1, 1)
    draft = Draft(FORMAT, name)
    if isinstance(top.get("ContactFlow"), dict):
        wrapper = top["ContactFlow"]
        content = wrapper.get("Content")
        if not isinstance(content, str):
            raise ImportFailure("ContactFlow.Content must hold the flow as a JSON string",
                                *(doc.pos(wrapper) or (None,)), element="ContactFlow.Content")
        try:
            inner = parse_json(content)
        except ImportFailure as failure:
            raise ImportFailure(f"ContactFlow.Content: {failure.message} (inside the string, line "
                                f"{failure.line}, column {failure.column})", *(doc.pos(wrapper) or (None,)),
                                element="ContactFlow.Content") from None
        draft.variant = "DescribeContactFlow wrapper"
        draft.kind = flow_kind(wrapper.get("Type"))
        draft.title = wrapper.get("Name") if isinstance(wrapper.get("Name"), str) else None
        draft.header.append("Actions come from the ContactFlow.Content string: nodes have no line in the file, "
                            "their comment gives the action's Identifier.")
        actions, start = flow_language(inner.value, None, "ContactFlow.Content")
    elif "Actions" in top or "StartAction" in top:
        draft.variant = f"flow language {top.get('Version', '')}".strip()
        actions, start = flow_language(top, doc, "")
    elif "modules" in top:
        draft.variant = "legacy modules export"
        draft.kind = flow_kind(top.get("type"))
        metadata = top.get("metadata") if isinstance(top.get("metadata"), dict) else {}
        draft.title = metadata.get("name") if isinstance(metadata.get("name"), str) else None
        actions, start = legacy_modules(top, doc)
    else:
        raise ImportFailure("not an Amazon Connect flow: expected `Actions` and `StartAction` (flow language), "
                            "`ContactFlow.Content` (DescribeContactFlow) or `modules` (legacy export)", 1, 1)
    flow_type = None
    if isinstance(top.get("ContactFlow"), dict):
        flow_type = top["ContactFlow"].get("Type")
        inner_meta = inner.value.get("Metadata") if isinstance(inner.value, dict) else None
        if not flow_type and isinstance(inner_meta, dict):
            flow_type = inner_meta.get("type")
    elif "modules" in top:
        flow_type = top.get("type")
    if isinstance(top.get("Metadata"), dict):
        if draft.title is None:
            title = top["Metadata"].get("name")
            draft.title = title if isinstance(title, str) else None
        flow_type = flow_type or top["Metadata"].get("type")
    if not flow_type and any(a.type == "MessageParticipantIteratively" for a in actions.values()):
        flow_type = "customerQueue"
        draft.header.append("flow type not stated: MessageParticipantIteratively runs only in queue and hold "
                            "flows, so this is read as a customer queue flow")
    if flow_type:
        draft.kind = flow_kind(flow_type)
    Converter(draft, actions, start, flow_type=_flow_type(flow_type)).run()
    return draft


def _flow_type(flow_type) -> str:
    """CONTACT_FLOW, CUSTOMER_QUEUE... from any of Connect's spellings (camelCase in Metadata and legacy)."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", str(flow_type or "")).upper()


# -- reading the variants ------------------------------------------------------------------
def flow_language(flow, doc, where: str) -> tuple[dict[str, Action], str | None]:
    if not isinstance(flow, dict):
        raise ImportFailure(f"{where or 'the flow'} must be a JSON object")
    raw = flow.get("Actions")
    if not isinstance(raw, list):
        raise ImportFailure("the flow has no `Actions` list", element=f"{where}.Actions" if where else "Actions")
    metadata = flow.get("Metadata") if isinstance(flow.get("Metadata"), dict) else {}
    action_meta = metadata.get("ActionMetadata") if isinstance(metadata.get("ActionMetadata"), dict) else {}
    actions: dict[str, Action] = {}
    for index, item in enumerate(raw):
        pos = doc.pos(item) if doc else None
        if not isinstance(item, dict) or not isinstance(item.get("Identifier"), str) or not item.get("Type"):
            raise ImportFailure(f"action #{index + 1} needs an `Identifier` and a `Type`", *(pos or (None,)),
                                element=f"Actions[{index}]")
        transitions = _dict(item.get("Transitions"))
        conditions = []
        for cond in _list(transitions.get("Conditions")):
            if not isinstance(cond, dict):
                continue
            spec = _dict(cond.get("Condition"))
            operands = [str(o) for o in _list(spec.get("Operands"))]
            if _str(cond.get("NextAction")):
                conditions.append((str(spec.get("Operator", "Equals")), operands, cond["NextAction"]))
        errors = [(str(e.get("ErrorType")), e["NextAction"]) for e in _list(transitions.get("Errors"))
                  if isinstance(e, dict) and _str(e.get("NextAction"))]
        action = Action(item["Identifier"], str(item["Type"]), _dict(item.get("Parameters")),
                        _str(transitions.get("NextAction")), conditions, errors, pos,
                        _dict(action_meta.get(item["Identifier"])))
        if action.id in actions:
            raise ImportFailure(f"two actions have the Identifier {action.id!r}", *(pos or (None,)), element=action.id)
        actions[action.id] = action
    start = flow.get("StartAction")
    return actions, start if isinstance(start, str) else None


LEGACY_TYPES = {
    "PlayPrompt": "MessageParticipant", "GetUserInput": "GetParticipantInput", "StoreUserInput": "GetParticipantInput",
    "CheckHoursOfOperation": "CheckHoursOfOperation", "CheckStaffing": "CheckStaffing",
    "SetQueue": "UpdateContactTargetQueue", "Loop": "Loop", "InvokeExternalResource": "InvokeLambdaFunction",
    "Disconnect": "DisconnectParticipant", "CheckAttribute": "Compare",
    "SetCallbackNumber": "UpdateContactCallbackNumber",
    "CreateCallback": "CreateCallbackContact", "SetVoice": "UpdateContactTextToSpeechVoice",
    "GetCustomerInput": "GetParticipantInput", "EndFlowExecution": "EndFlowExecution",
    "LoopPrompts": "MessageParticipantIteratively",
}
LEGACY_BRANCHES = {"Timeout": "InputTimeLimitExceeded", "Error": "NoMatchingError", "AtCapacity": "QueueAtCapacity",
                   "InvalidNumber": "InvalidCallbackNumber", "NotDialable": "CallbackNumberNotDialable"}
NAMESPACES = {"External": "External", "User Defined": "Attributes", "System": "System", "Lex.Slots": "Lex.Slots",
              "Lex.Attributes": "Lex.SessionAttributes"}


def flow_kind(flow_type) -> str:
    """Connect's flow type (CONTACT_FLOW, CUSTOMER_QUEUE, OUTBOUND_WHISPER...; legacy camelCase) as a flow kind."""
    normal = _flow_type(flow_type)
    if normal in ("CUSTOMER_QUEUE", "CUSTOMER_HOLD", "AGENT_HOLD"):
        return "in-queue"
    if normal.endswith("WHISPER") or normal in ("AGENT_TRANSFER", "QUEUE_TRANSFER", "CAMPAIGN"):
        return "outbound" if normal.startswith("OUTBOUND") or normal == "CAMPAIGN" else "in-queue"
    return "inbound"


def legacy_modules(top: dict, doc) -> tuple[dict[str, Action], str | None]:
    actions: dict[str, Action] = {}
    modules = top.get("modules")
    if not isinstance(modules, list):
        raise ImportFailure("`modules` must be a list", element="modules")
    for index, module in enumerate(modules):
        pos = doc.pos(module)
        if not isinstance(module, dict) or not isinstance(module.get("id"), str) or not module.get("type"):
            raise ImportFailure(f"module #{index + 1} needs an `id` and a `type`", *(pos or (None,)),
                                element=f"modules[{index}]")
        kind = str(module["type"])
        params: dict = {}
        dynamic: set[str] = set()
        for param in _list(module.get("parameters")):
            if not isinstance(param, dict) or "name" not in param:
                continue
            key, value = str(param["name"]), param.get("value")
            namespace = _str(param.get("namespace"))
            if namespace and key in ("Text", "Queue", "ContactFlowId", "PhoneNumber", "Attribute"):
                if key != "Attribute" and namespace in NAMESPACES:
                    value = f"$.{NAMESPACES[namespace]}.{value}"
                    dynamic.add(key)
            if param.get("resourceName"):
                params[f"{key}#name"] = param["resourceName"]
            params[key] = value
        meta = _dict(module.get("metadata"))
        target = module.get("target") if isinstance(module.get("target"), str) else None
        if kind == "Transfer":
            new_type = {"Queue": "TransferContactToQueue", "Flow": "TransferToFlow",
                        "PhoneNumber": "TransferParticipantToThirdParty"}.get(target, "Transfer")
        else:
            new_type = LEGACY_TYPES.get(kind, kind)
        if kind == "StoreUserInput":
            params["StoreInput"] = "True"
        if kind == "CheckAttribute":
            namespace = next((str(p.get("value")) for p in _list(module.get("parameters"))
                              if isinstance(p, dict) and p.get("name") == "Namespace"), "User Defined")
            params["ComparisonValue"] = f"$.{NAMESPACES.get(namespace, namespace)}.{params.get('Attribute')}"
        if "Timeout" in params:
            params["InputTimeLimitSeconds"] = params["Timeout"]
        if params.get("TextToSpeechType") == "ssml" and "Text" in params:
            params["SSML"] = params.pop("Text")
        if kind == "LoopPrompts":  # the legacy hold loop: every Text / audio parameter is one message
            params["Messages"] = [
                {("SSML" if p.get("key") == "ssml" or looks_like_ssml(str(p.get("value"))) else "Text"
                  if p["name"] == "Text" else "PromptId"): p.get("value")}
                for p in _list(module.get("parameters")) if isinstance(p, dict)
                and p.get("name") in ("Text", "AudioPrompt", "PromptId") and p.get("value")]
            if "InterruptSeconds" in params:
                params["InterruptFrequencySeconds"] = params["InterruptSeconds"]
        action = Action(module["id"], new_type, params, pos=pos, meta=meta, dynamic=dynamic,
                        source_type=kind if kind != new_type else "")
        for branch in _list(module.get("branches")):
            if not isinstance(branch, dict) or not _str(branch.get("transition")):
                continue
            condition, goes = str(branch.get("condition")), branch["transition"]
            if condition == "Success":
                action.next = goes
            elif condition == "Evaluate":
                action.conditions.append((str(branch.get("conditionType", "Equals")),
                                          [str(branch.get("conditionValue"))], goes))
            elif condition in ("True", "False"):
                action.conditions.append(("Equals", [condition], goes))
            elif condition == "Looping":
                action.conditions.append(("Equals", ["ContinueLooping"], goes))
            elif condition == "Complete":
                action.conditions.append(("Equals", ["DoneLooping"], goes))
            elif condition == "Timeout" and kind == "LoopPrompts":
                action.conditions.append(("Equals", ["MessagesInterrupted"], goes))
            elif condition == "NoMatch":
                action.errors.append(("NoMatchingCondition", goes))
            else:
                action.errors.append((LEGACY_BRANCHES.get(condition, condition), goes))
        if action.id in actions:
            raise ImportFailure(f"two modules have the id {action.id!r}", *(pos or (None,)), element=action.id)
        actions[action.id] = action
    start = top.get("start")
    return actions, start if isinstance(start, str) else None


# -- conversion ------------------------------------------------------------------------------
class Converter:
    def __init__(self, draft: Draft, actions: dict[str, Action], start: str | None, flow_type: str = ""):
        self.draft = draft
        self.flow_type = flow_type
        self.current: Action | None = None  # the action being converted (where its dangling jumps are)
        self.loops: list[tuple[Action, str]] = []
        self._waiting: str | None = None
        self.actions = actions
        self.start = start
        self.ids: dict[str, str] = {}
        self.preds: dict[str, list[str]] = {a: [] for a in actions}
        for action in actions.values():
            for target in action.targets:
                if target in self.preds:
                    self.preds[target].append(action.id)
        self.absorbed: set[str] = set()
        self._settled: dict[str, str | None] = {}
        self.voicemail_words = any(_VOICEMAIL_WORDS.search(str(a.params.get("Text") or a.params.get("SSML") or ""))
                                   for a in actions.values())

    # ids -------------------------------------------------------------------------------
    def plan_ids(self) -> None:
        uuids = [a for a in self.actions if _UUID.match(a)]
        width = 4
        while width < 36 and len({u.replace("-", "")[:width] for u in uuids}) < len(uuids):
            width += 2
        for action in self.actions.values():
            if _UUID.match(action.id):
                readable = self.display_name(action)
                short = action.id.replace("-", "")[:width].lower()
                self.ids[action.id] = self.draft.reserve(readable or self.kind(action), short)
            else:
                self.ids[action.id] = self.draft.reserve(action.id, fallback="action")

    def display_name(self, action: Action) -> str | None:
        for key in ("name", "displayName", "label"):
            if isinstance(action.meta.get(key), str) and action.meta[key].strip():
                return action.meta[key]
        return None

    def kind(self, action: Action) -> str:
        if action.type == "GetParticipantInput":
            menu = self.menu_plan(action) is not None or not _true(action.params.get("StoreInput"))
            return "menu" if menu else "input"
        return KIND.get(action.type, kebab(action.type))

    def ref(self, action_id: str | None) -> str | None:
        if action_id is None:
            return None
        if action_id in self.ids:
            return self.ids[action_id]
        if action_id == self._waiting:  # the in-queue flow's end, made by the importer
            return action_id
        source = self.current
        what = f"a transition of {source.source_type or source.type} {source.id}" if source else "a transition"
        return self.draft.dangle(action_id, what=what, origin=source.pos if source else None)

    # running ------------------------------------------------------------------------------
    def run(self) -> None:
        if not self.actions:
            raise ImportFailure("the flow has no actions")
        if self.start is None:
            raise ImportFailure("the flow has no start action (`StartAction`, or `start` in a legacy export)")
        if self.start not in self.actions:
            raise ImportFailure(f"the start action {self.start!r} is not among the actions", element=self.start)
        self.plan_ids()
        for action in self.actions.values():
            language = normalise_language(action.params.get("LanguageCode"))
            if language and self.draft.language is None:
                self.draft.language = language
        for action in self.actions.values():
            if action.id not in self.absorbed:
                self.build(action)
        self.draft.start = self.ids[self.start]
        for action, node_id in self.loops:
            LoopUnroller(self.draft, action, node_id, {n for _, n in self.loops if n != node_id}).run()

    def common(self, action: Action, comment: str | None = None) -> dict:
        what = f"{action.source_type or action.type} {action.id}"
        return {"origin": action.pos, "origin_id": what, "comment": comment}

    def build(self, action: Action) -> None:
        handler = getattr(self, f"on_{action.type}", None)
        self.current = action
        if handler is not None:
            handler(action)
        elif action.type in SILENT or action.type.startswith(("Update", "Set")):
            self.silent(action)
        else:
            self.opaque(action)

    # shared shapes -----------------------------------------------------------------------
    def silent(self, action: Action, what: str | None = None) -> None:
        """Nothing to hear: lead on, or branch on `error` when an error goes elsewhere."""
        node_id = self.ids[action.id]
        outcome = self.outcomes(action, action.next)
        if outcome is None:
            self.draft.pass_through(node_id, self.ref(action.next), origin=action.pos,
                                    origin_id=f"{action.type} {action.id}", what=what or action.type)
            return
        cases, default = outcome
        self.draft.add(node_id, "branch", **self.common(action, f"errors of {action.source_type or action.type}"),
                       on="error", cases=cases, default=default)
        if action.type in ("InvokeLambdaFunction", "InvokeExternalResource"):
            self.draft.unknown(node_id, "external-result", f"whether Lambda {self.lambda_name(action)} succeeds")

    def is_silent(self, action: Action) -> bool:
        if action.type == "UpdateContactMediaStreamingBehavior":
            return not (str(action.params.get("MediaStreamingState", "")).lower() == "enabled"
                        and self.voicemail_words)
        if action.type == "InvokeLambdaFunction":
            return True
        handler = getattr(self, f"on_{action.type}", None)
        return handler is None and (action.type in SILENT or action.type.startswith(("Update", "Set")))

    def settle(self, action_id: str | None, stack: frozenset = frozenset()) -> str | None:
        """Where a reference really leads: silent actions whose every outcome agrees are skipped."""
        if action_id is None or action_id in stack:
            return action_id
        if action_id in self._settled:
            return self._settled[action_id]
        action = self.actions.get(action_id)
        result = action_id
        if action is not None and self.is_silent(action) and not action.conditions:
            inner = stack | {action_id}
            normal = self.settle(action.next, inner)
            if all(self.settle(t, inner) == normal for _, t in action.errors):
                result = normal
        self._settled[action_id] = result
        return result

    def outcomes(self, action: Action, normal: str | None,
                 skip: tuple[str, ...] = ()) -> tuple[dict[str, str], str | None] | None:
        """(cases, default) of a branch on `error`, or None when every error leads to `normal`."""
        cases = {}
        settled_normal = self.settle(normal)
        for error_type, target in action.errors:
            if error_type in skip or self.settle(target) == settled_normal or error_type in cases:
                continue
            cases[error_type] = self.ref(target)
        if not cases:
            return None
        return cases, self.ref(normal)

    def after(self, action: Action, node_id: str, normal: str | None, skip: tuple[str, ...] = ()) -> str | None:
        """Where a node that can fail goes next: `normal`, or a branch on `error` first."""
        outcome = self.outcomes(action, normal, skip)
        if outcome is None:
            return self.ref(normal)
        cases, default = outcome
        branch_id = self.draft.reserve(node_id, "result")
        self.draft.add(branch_id, "branch", **self.common(action, f"errors of {action.source_type or action.type}"), synthetic=True,
                       on="error", cases=cases, default=default)
        return branch_id

    def before(self, action: Action, suffix: str, skip: tuple[str, ...] = ()) -> tuple[str, str | None]:
        """(id for the main node, id of a branch on `error` placed before it or None).

        Errors that lead where one of the action's own outcomes leads (hours errors treated
        as closed, for instance) need no branch.
        """
        node_id = self.ids[action.id]
        own = {self.settle(t) for _, _, t in action.conditions}
        own |= {self.settle(t) for e, t in action.errors if e in skip}
        errors = [(e, t) for e, t in action.errors if e not in skip and self.settle(t) not in own]
        if not errors:
            return node_id, None
        cases = {}
        for error_type, target in errors:
            cases.setdefault(error_type, self.ref(target))
        main_id = self.draft.reserve(node_id, suffix)
        self.draft.add(node_id, "branch", **self.common(action, f"errors of {action.source_type or action.type}"), on="error",
                       cases=cases, default=main_id)
        return main_id, node_id

    def prompt(self, action: Action, params: dict | None = None) -> str | None:
        params = action.params if params is None else params
        node_id = self.ids[action.id]
        if params.get("SSML"):
            text = str(params["SSML"])
            if "SSML" in action.dynamic:
                return self.dynamic_prompt(action, text)
            return self.runtime_values(action, ssml_to_text(text, unknown_text))
        if params.get("Text"):
            text = str(params["Text"])
            if "Text" in action.dynamic or _ATTRIBUTE.fullmatch(text.strip()):
                return self.dynamic_prompt(action, text)
            words = ssml_to_text(text, unknown_text) if looks_like_ssml(text) else squash(text)
            return self.runtime_values(action, words)
        for key in ("PromptId", "AudioPrompt", "Media", "PromptName"):
            if params.get(key):
                value = params[key]
                name = (params.get(f"{key}#name") or _meta_label(action.meta, key, value=value)
                        or (value.get("Uri") if isinstance(value, dict) else str(value).rsplit("/", 1)[-1]))
                self.draft.unknown(node_id, "audio", f"audio prompt {name!r}", action.pos)
                return unknown_text(f"audio prompt '{name}'")
        return None

    def dynamic_prompt(self, action: Action, reference: str) -> str:
        self.draft.unknown(self.ids[action.id], "dynamic-prompt", f"prompt text read at run time from {reference}",
                           action.pos)
        return unknown_text(f"prompt text from {reference}")

    def runtime_values(self, action: Action, words: str) -> str:
        """`$.External.x` inside a prompt is read at run time: mark it as unknown text."""
        found = sorted(set(_RUNTIME.findall(words)))
        if found:
            self.draft.unknown(self.ids[action.id], "dynamic-prompt",
                               f"prompt includes run-time values: {', '.join(found)}", action.pos)
        return _RUNTIME.sub(lambda m: unknown_text(f"value of {m.group(0)}"), words)

    # prompts and input ---------------------------------------------------------------------
    def on_MessageParticipant(self, action: Action) -> None:
        node_id = self.ids[action.id]
        prompt = self.prompt(action)
        nxt = self.after(action, node_id, action.next)
        if nxt is None:
            self.draft.add(node_id, "hangup", **self.common(action, "nothing follows: the call ends"), prompt=prompt)
            return
        self.draft.add(node_id, "play", **self.common(action), prompt=prompt, next=nxt)

    def on_MessageParticipantIteratively(self, action: Action) -> None:
        """The hold-loop messages of a queue or hold flow: they repeat until an agent answers, or until
        `InterruptFrequencySeconds` pass and the flow goes on (`MessagesInterrupted`)."""
        node_id = self.ids[action.id]
        messages = [m for m in _list(action.params.get("Messages")) if isinstance(m, dict)]
        prompts = [p for p in (self.prompt(action, m) for m in messages) if p]
        interrupted = next((t for _, ops, t in action.conditions if "MessagesInterrupted" in ops), None)
        every = action.params.get("InterruptFrequencySeconds")
        if interrupted is not None:
            nxt = self.after(action, node_id, interrupted)
            comment = (f"the messages play in a loop; every {every} s they stop and the flow goes on "
                       "(MessagesInterrupted)" if every else "the messages play in a loop until MessagesInterrupted")
        else:
            nxt = self.after(action, node_id, self.waiting())
            comment = "the messages play in a loop until an agent answers"
        self.draft.add(node_id, "play", **self.common(action, comment), prompt=prompts or None, next=nxt)
        if not prompts:
            self.draft.unknown(node_id, "audio", "the loop has no message the export can tell", action.pos)

    def waiting(self) -> str:
        """The node where a caller waits in line for an agent: an in-queue flow's end."""
        if self._waiting is None and self.flow_type.endswith("HOLD"):
            self._waiting = self.draft.reserve("back-to-agent")
            self.draft.add(self._waiting, "transfer", origin=None, origin_id="end of the hold flow",
                           comment=["the hold messages loop until the agent takes the caller off hold"],
                           synthetic=True, label="back to the conversation with the agent", agent=True)
        if self._waiting is None:
            self._waiting = self.draft.reserve("back-to-queue")
            self.draft.add(self._waiting, "queue", origin=None, origin_id="end of the customer queue flow",
                           comment=["the customer queue flow ends or loops: the caller stays in the queue until an "
                                    "agent answers (Amazon Connect runs the queue flow again)"], synthetic=True,
                           label="waiting in the queue for an agent")
        return self._waiting

    def menu_plan(self, action: Action) -> tuple[list[tuple[str, list[str], str]], Action | None] | None:
        """The (conditions, absorbed Compare) that make this input a DTMF menu, or None."""
        if _true(action.params.get("StoreInput")):
            compare = self.actions.get(action.next or "")
            if (compare is None or compare.type != "Compare"
                    or "StoredCustomerInput" not in str(compare.params.get("ComparisonValue"))
                    or len(self.preds.get(compare.id, [])) != 1 or not compare.conditions):
                return None
            if all(op == "Equals" and len(ops) == 1 and ops[0] in _DTMF for op, ops, _ in compare.conditions):
                return compare.conditions, compare
            return None
        if action.conditions and all(len(ops) >= 1 for _, ops, _ in action.conditions):
            return action.conditions, None
        return None

    def on_GetParticipantInput(self, action: Action) -> None:
        node_id = self.ids[action.id]
        params = action.params
        prompt = self.prompt(action)
        timeout = _number(params.get("InputTimeLimitSeconds"))
        plan = self.menu_plan(action)
        no_input = action.error("InputTimeLimitExceeded", "NoMatchingError")
        if plan is not None:
            conditions, compare = plan
            options = {}
            for _, operands, target in conditions:
                for key in operands:
                    options.setdefault(key, {"next": self.ref(target)})
            if compare is not None:
                self.absorbed.add(compare.id)
                no_match = compare.error("NoMatchingCondition", "NoMatchingError") or action.error("NoMatchingError")
                comment = f"StoreInput with the Compare {compare.id} that follows it: a DTMF menu"
            else:
                no_match = action.error("NoMatchingCondition", "NoMatchingError")
                comment = None
                node_id, _ = self.before(action, "keys", skip=self.input_errors(action))
            self.draft.add(node_id, "menu", **self.common(action, comment), prompt=prompt, options=options,
                           timeout=timeout, retries=0, on_no_input=self.ref(no_input),
                           on_no_match=self.ref(no_match), on_max_retries=self.ref(no_input or no_match))
            return
        if _true(params.get("StoreInput")):
            validation = params.get("InputValidation") if isinstance(params.get("InputValidation"), dict) else {}
            custom = validation.get("CustomValidation") if isinstance(validation.get("CustomValidation"), dict) else {}
            high = _number(custom.get("MaximumLength") or params.get("MaxDigits"))
            digits = (1, int(high)) if high else None
            invalid = action.error("NoMatchingError", "InvalidNumber")
            self.draft.add(node_id, "input", **self.common(action, "StoreInput: digits kept in $.StoredCustomerInput"),
                           prompt=prompt, variable="$.StoredCustomerInput", digits=digits,
                           next=self.ref(action.next), on_invalid=self.ref(invalid), timeout=timeout, retries=0,
                           on_no_input=self.ref(no_input), on_max_retries=self.ref(no_input or invalid))
            return
        # no condition at all: a message that waits for nothing in particular
        nxt = action.next or no_input or action.error("NoMatchingCondition", "NoMatchingError")
        if nxt is None:
            self.draft.add(node_id, "hangup", **self.common(action, "input without any condition, and nothing "
                                                                    "after it"), prompt=prompt)
            return
        self.draft.add(node_id, "play", **self.common(action, "input without any condition"),
                       prompt=prompt, next=self.ref(nxt))

    def input_errors(self, action: Action) -> tuple[str, ...]:
        """The errors an input's own silence and no-match paths stand for.

        NoMatchingError is the catch-all: it stands for silence or a wrong answer when the export
        gives no InputTimeLimitExceeded or NoMatchingCondition; otherwise it is a platform error of
        its own, a branch on `error` before the input."""
        own = ("InputTimeLimitExceeded", "NoMatchingCondition")
        if any(action.error(e) is None for e in own):
            return own + ("NoMatchingError",)
        return own

    def on_ConnectParticipantWithLexBot(self, action: Action) -> None:
        node_id = self.ids[action.id]
        params = action.params
        bot = params.get("LexV2Bot") or params.get("LexBot") or {}
        bot_name = (_meta_label(action.meta, "lexV2BotName", "LexV2Bot", "LexBot", "lexBotName")
                    or (bot.get("Name") or bot.get("AliasArn") if isinstance(bot, dict) else None) or "Lex bot")
        bot_name = str(bot_name).rsplit("/", 1)[-1]
        variable = f"lex intent ({bot_name})"
        node_id, _ = self.before(action, "lex", skip=self.input_errors(action))
        branch_id = self.draft.reserve(self.ids[action.id], "intent")
        no_input = action.error("InputTimeLimitExceeded", "NoMatchingError")
        self.draft.add(node_id, "input", **self.common(action, "speech through Lex: the intent decides the branch"),
                       prompt=self.prompt(action), variable=variable, next=branch_id, retries=0,
                       on_no_input=self.ref(no_input), on_max_retries=self.ref(no_input))
        cases = {}
        for _, operands, target in action.conditions:
            for intent in operands:
                cases.setdefault(intent, self.ref(target))
        default = action.error("NoMatchingCondition", "NoMatchingError") or action.next
        self.draft.add(branch_id, "branch", **self.common(action, "the intent the caller's words matched"),
                       synthetic=True, on=variable, cases=cases, default=self.ref(default))

    # decisions ---------------------------------------------------------------------------
    def decision(self, action: Action, suffix: str) -> tuple[str, str | None]:
        """(id for the decision, where no condition holding leads).

        NoMatchingCondition is the decision's default; NoMatchingError too when the export gives no
        NoMatchingCondition. When both are there and lead apart (Check queue status: no condition
        holds, or the metric could not be read), the error is a branch on `error` before the decision."""
        default = action.error("NoMatchingCondition", "NoMatchingError") or action.next
        skip = ("NoMatchingCondition",) if action.error("NoMatchingCondition") else (
            "NoMatchingCondition", "NoMatchingError")
        node_id, _ = self.before(action, suffix, skip=skip)
        return node_id, default

    def on_Compare(self, action: Action) -> None:
        attribute = str(action.params.get("ComparisonValue") or "value")
        node_id, default = self.decision(action, "compare")
        if re.search(r"holiday", attribute, re.I):
            holiday = [t for _, ops, t in action.conditions if any(o.lower() in ("true", "yes", "1", "holiday")
                                                                   for o in ops)]
            others = [t for _, ops, t in action.conditions if t not in holiday]
            if holiday:
                normal = self.ref(others[0] if others else default)
                self.draft.add(node_id, "hours", **self.common(action, f"holiday check on {attribute}"),
                               label=f"holiday? ({attribute})", open=normal, closed=normal,
                               holiday=self.ref(holiday[0]))
                self.draft.unknown(node_id, "condition", f"holiday decided outside the flow ({attribute})")
                return
        self.comparisons(action, node_id, attribute, default, f"compares {attribute}")
        if "StoredCustomerInput" not in attribute:
            self.draft.unknown(node_id, "condition", f"value of {attribute} (set outside what the export shows)")

    def on_CheckHoursOfOperation(self, action: Action) -> None:
        main_id, _ = self.before(action, "check")
        params = action.params
        hours_name = (_meta_label(action.meta, "Hours", "HoursOfOperationId", "hoursOfOperation")
                      or params.get("HoursOfOperationId#name") or params.get("HoursOfOperationId"))
        label = f"hours of {str(hours_name).rsplit('/', 1)[-1]}" if hours_name else "hours of the queue"
        targets = {ops[0].lower(): t for _, ops, t in action.conditions if ops}
        opened, closed = targets.get("true"), targets.get("false")
        self.draft.add(main_id, "hours", **self.common(action, "the schedule lives in Amazon Connect, "
                                                                "not in the export"),
                       label=label, open=self.ref(opened), closed=self.ref(closed))

    def on_CheckStaffing(self, action: Action) -> None:
        """Legacy Check staffing: True when at least one agent of the queue has that status."""
        main_id, _ = self.before(action, "staffing")
        status = str(action.params.get("Status") or "Available")
        queue = self.queue_name(action)
        variable = f"NumberOfAgents{status} of {f'queue {queue}' if queue else 'the contact' + chr(39) + 's queue'}"
        targets = {ops[0].lower(): t for _, ops, t in action.conditions if ops}
        yes, no = targets.get("true"), targets.get("false") or action.next
        self.draft.add(main_id, "branch", **self.common(action, "checked against live queue metrics; the branch "
                                                                "states the comparison: `true` when it holds"),
                       on=f"{variable} greater than 0", cases={"true": self.ref(yes)} if yes else None,
                       default=self.ref(no or yes))
        self.draft.unknown(main_id, "condition", f"live queue metric: {variable}")

    def on_CheckMetricData(self, action: Action) -> None:
        node_id = self.ids[action.id]
        params = action.params
        metric = str(params.get("MetricType") or "metric")
        if params.get("AgentId"):
            whose = f"agent {self.resource_name(action, 'AgentId', params['AgentId'])}"
        elif params.get("QueueId"):
            whose = f"queue {self.resource_name(action, 'QueueId', params['QueueId'])}"
        else:
            whose = "the contact's queue"
        variable = f"{metric} of {whose}"
        node_id, default = self.decision(action, "metric")
        self.comparisons(action, node_id, variable, default, "live queue metric, read when the call runs")
        self.draft.unknown(node_id, "condition", f"live queue metric: {variable}")

    def on_DistributeByPercentage(self, action: Action) -> None:
        node_id, default = self.decision(action, "share")
        self.comparisons(action, node_id, "random number 1-100", default, "calls are shared out by percentage")
        self.draft.unknown(node_id, "condition", "which share of the calls this one falls in")

    def comparisons(self, action: Action, node_id: str, variable: str, default: str | None, comment: str) -> None:
        """Conditions in order: runs of Equals are one branch on the variable, any other operator a branch
        on the comparison it states ("X greater than 0" true or not): never a case that means another value."""
        groups: list[tuple[str | None, list[tuple[str, str]]]] = []
        for operator, operands, target in action.conditions:
            if operator == "Equals":
                if not groups or groups[-1][0] is not None:
                    groups.append((None, []))
                groups[-1][1].extend((operand, target) for operand in operands or [""])
            else:
                statement = f"{variable} {_OPERATORS.get(operator, operator)} {' '.join(operands)}".strip()
                groups.append((statement, [("true", target)]))
        if not groups:
            self.draft.add(node_id, "branch", **self.common(action, comment), on=variable,
                           default=self.ref(default))
            return
        ids = [node_id] + [self.draft.reserve(node_id, "then", str(i + 2)) for i in range(len(groups) - 1)]
        for index, (statement, cases) in enumerate(groups):
            nxt = ids[index + 1] if index + 1 < len(ids) else self.ref(default)
            own: dict[str, str] = {}
            for value, target in cases:
                own.setdefault(value, self.ref(target))
            extra = comment if index == 0 else f"condition {index + 1} of {action.type} {action.id}"
            if statement is not None:
                extra += "; the branch states the comparison: `true` when it holds"
            self.draft.add(ids[index], "branch", **self.common(action, extra), synthetic=index > 0,
                           on=statement or variable, cases=own, default=nxt)

    def resource_name(self, action: Action, key: str, value) -> str:
        """A queue, agent, flow or hours name from the metadata, else the last part of its ARN."""
        name = _meta_label(action.meta, key) or action.params.get(f"{key}#name")
        return str(name) if name else str(value).rsplit("/", 1)[-1]

    def on_Loop(self, action: Action) -> None:
        """A counted loop: unrolled after every node is built (LoopUnroller), else a branch on its count."""
        node_id = self.ids[action.id]
        targets = {ops[0]: t for _, ops, t in action.conditions if ops}
        keep, done = targets.get("ContinueLooping"), targets.get("DoneLooping") or action.next
        count = action.params.get("LoopCount")
        variable = f"{self.display_name(action) or node_id} passes"
        self.draft.add(node_id, "branch", **self.common(action, f"LoopCount {count}: ContinueLooping {count} "
                                                                "times, then DoneLooping"),
                       label=f"loop {count} times" if count else "loop", on=variable,
                       cases={"DoneLooping": self.ref(done)} if done else None, default=self.ref(keep or done))
        if keep and done:
            self.loops.append((action, node_id))

    # routing ---------------------------------------------------------------------------------
    def queue_name(self, action: Action) -> str | None:
        own = action.params.get("QueueId") or action.params.get("Queue")
        if own:
            return self.describe_queue(action, own)
        names, seen, pending = set(), set(), list(self.preds.get(action.id, []))
        while pending and len(seen) < 200:
            current = self.actions[pending.pop()]
            if current.id in seen:
                continue
            seen.add(current.id)
            if current.type == "UpdateContactTargetQueue":
                value = current.params.get("QueueId") or current.params.get("Queue")
                names.add(self.describe_queue(current, value))
                continue
            pending.extend(self.preds.get(current.id, []))
        return " or ".join(sorted(n for n in names if n)) or None

    def describe_queue(self, action: Action, value) -> str | None:
        name = (_meta_label(action.meta, "QueueId", "queue", "Queue") or action.params.get("Queue#name"))
        if name:
            return str(name)
        if value is None:
            return None
        return str(value).rsplit("/", 1)[-1]

    def on_TransferContactToQueue(self, action: Action) -> None:
        main_id, _ = self.before(action, "queue", skip=("QueueAtCapacity",))
        self.draft.add(main_id, "queue", **self.common(action), prompt=self.prompt(action),
                       queue=self.queue_name(action), congestion=self.ref(action.error("QueueAtCapacity")))

    on_DequeueContactAndTransferToQueue = on_TransferContactToQueue

    def on_TransferContactToAgent(self, action: Action) -> None:
        main_id, _ = self.before(action, "agent")
        self.draft.add(main_id, "queue", **self.common(action, "straight to an agent"), queue="agent")

    def on_TransferParticipantToThirdParty(self, action: Action) -> None:
        node_id = self.ids[action.id]
        number = action.params.get("ThirdPartyPhoneNumber") or action.params.get("PhoneNumber")
        comment = None
        if action.next and str(action.params.get("ContinueFlowExecution", "True")).lower() != "false":
            comment = (f"when the third party hangs up, Connect goes on at {self.ref(action.next)} "
                       "(ContinueFlowExecution); here the call ends at the transfer")
        self.draft.add(node_id, "transfer", **self.common(action, comment), number=str(number) if number else None,
                       on_failure=self.failure(action, node_id, ("CallFailed", "ConnectionTimeLimitExceeded",
                                                                 "NoMatchingError")))

    def failure(self, action: Action, node_id: str, kinds: tuple[str, ...]) -> str | None:
        """Where a failed transfer goes: the first failure's target, or, when the call failing and no
        answer in time lead apart, a branch on `error` after the failure that tells them."""
        failures = [(kind, action.error(kind)) for kind in kinds if action.error(kind)]
        if not failures:
            return None
        first = failures[0][1]
        cases = {kind: self.ref(target) for kind, target in failures[1:] if self.settle(target) != self.settle(first)}
        if not cases:
            return self.ref(first)
        branch_id = self.draft.reserve(node_id, "failed")
        self.draft.add(branch_id, "branch", **self.common(action, f"why the transfer failed ({failures[0][0]} "
                                                                  "unless told otherwise)"),
                       synthetic=True, on="error", cases=cases, default=self.ref(first))
        return branch_id

    def on_TransferToFlow(self, action: Action) -> None:
        node_id = self.ids[action.id]
        flow = (_meta_label(action.meta, "ContactFlow", "ContactFlowId", "contactFlow")
                or action.params.get("ContactFlowId#name") or action.params.get("ContactFlowId")
                or action.params.get("FlowId") or "another flow")
        flow = str(flow).rsplit("/", 1)[-1]
        failure = action.error("NoMatchingError")
        kind = _named_end(flow)
        if kind is not None:
            main_id, _ = self.before(action, kind)
            purpose = "a voicemail" if kind == "voicemail" else "a callback"
            self.draft.add(main_id, kind, **self.common(action, f"the call leaves for flow {flow!r}, named for "
                                                                f"{purpose}"),
                           label=f"flow {flow!r}")
            self.draft.unknown(main_id, "sub-flow", f"the call continues in flow {flow!r}, which is not in this export")
            return
        self.draft.add(node_id, "transfer", **self.common(action, "the call leaves this flow"),
                       label=f"continues in flow {flow!r} (not in this export)", agent=False,
                       on_failure=self.ref(failure))
        self.draft.unknown(node_id, "sub-flow", f"the call continues in flow {flow!r}, which is not in this export")

    def on_InvokeFlowModule(self, action: Action) -> None:
        node_id = self.ids[action.id]
        module = str(_meta_label(action.meta, "FlowModuleId") or action.params.get("FlowModuleId") or "module")
        module = module.rsplit("/", 1)[-1]
        cases = {e: self.ref(t) for e, t in action.errors if t != action.next}
        self.draft.add(node_id, "branch", **self.common(action, "a flow module runs, then the flow goes on"),
                       label=f"module {module}", on=f"result of module {module}", cases=cases or None,
                       default=self.ref(action.next))
        self.draft.unknown(node_id, "sub-flow", f"what flow module {module!r} does (not in this export)")

    def on_DisconnectParticipant(self, action: Action) -> None:
        self.draft.add(self.ids[action.id], "hangup", **self.common(action))

    def on_EndFlowExecution(self, action: Action) -> None:
        """End flow / Resume: what follows depends on the flow type, not on the action."""
        node_id = self.ids[action.id]
        kind = self.flow_type
        if kind == "CUSTOMER_QUEUE":
            self.draft.pass_through(node_id, self.waiting(), origin=action.pos, origin_id=f"{action.type} {action.id}",
                                    what="EndFlowExecution (back to the queue)")
        elif kind in ("CUSTOMER_HOLD", "AGENT_HOLD", "CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER"):
            what = "back to the conversation with the agent" if kind.endswith("HOLD") else "the agent is connected"
            self.draft.add(node_id, "transfer", **self.common(action, f"end of the {kind.lower().replace('_', ' ')} "
                                                                      f"flow: {what}"),
                           label=what, agent=True)
        else:
            self.draft.add(node_id, "hangup", **self.common(action, "the flow ends here"))

    def on_EndFlowModuleExecution(self, action: Action) -> None:
        self.draft.add(self.ids[action.id], "hangup", **self.common(action, "the module ends here"))

    def on_CreateCallbackContact(self, action: Action) -> None:
        node_id = self.ids[action.id]
        params = action.params
        details = ", ".join(f"{k} {params[k]}" for k in ("InitialCallDelaySeconds", "RetryDelaySeconds",
                                                          "MaximumConnectionAttempts") if k in params)
        nxt = self.after(action, node_id, action.next)
        queue = self.describe_queue(action, params.get("QueueId"))
        self.draft.add(node_id, "callback", **self.common(action, details or None),
                       label=f"callback in {queue}" if queue else None, next=nxt)

    def on_UpdateContactMediaStreamingBehavior(self, action: Action) -> None:
        if str(action.params.get("MediaStreamingState", "")).lower() == "enabled" and self.voicemail_words:
            node_id = self.ids[action.id]
            self.draft.add(node_id, "voicemail", **self.common(
                action, "media streaming starts and the flow's prompts speak of a message: the Connect voicemail "
                        "pattern"), next=self.after(action, node_id, action.next))
            return
        self.silent(action)

    def lambda_name(self, action: Action) -> str:
        name = action.params.get("LambdaFunctionARN") or action.params.get("FunctionArn") or "function"
        return str(name).rsplit(":", 1)[-1]

    def on_InvokeLambdaFunction(self, action: Action) -> None:
        self.silent(action, what="InvokeLambdaFunction")

    def opaque(self, action: Action) -> None:
        node_id = self.ids[action.id]
        self.draft.warn(f"{action.id}: action type {action.type!r} is not understood by ivr-lint; "
                        "imported as an opaque step")
        outcomes = {}
        for _, operands, target in action.conditions:
            outcomes.setdefault(" ".join(operands) or "condition", self.ref(target))
        for error_type, target in action.errors:
            outcomes.setdefault(error_type, self.ref(target))
        comment = f"opaque: ivr-lint does not know {action.type}"
        if not outcomes and not action.next:
            self.draft.add(node_id, "hangup", **self.common(action, comment + "; nothing follows it"),
                           label=f"{action.type} (not understood)")
        elif not outcomes:
            self.draft.add(node_id, "play", **self.common(action, comment), label=f"{action.type} (not understood)",
                           next=self.ref(action.next))
        else:
            self.draft.add(node_id, "branch", **self.common(action, comment), label=f"{action.type} (not understood)",
                           on=f"result of {action.type}", cases=outcomes, default=self.ref(action.next))
        self.draft.unknown(node_id, "opaque", f"action type {action.type} is not understood")


#: Connect's condition operators, as the words a branch on the comparison is named with
_OPERATORS = {"NumberGreaterThan": "greater than", "NumberGreaterOrEqualTo": "at least",
              "NumberLessThan": "less than", "NumberLessOrEqualTo": "at most", "TextContains": "contains",
              "TextStartsWith": "starts with", "TextEndsWith": "ends with", "Equals": "equals"}


def _true(value) -> bool:
    return str(value).strip().lower() == "true"


def _number(value) -> float | int | None:
    try:
        number = float(str(value))
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number



#: metadata keys whose value is the display name itself (others hold {"text"|"displayName": ...})
_NAME_KEYS = {"lexV2BotName", "lexBotName", "promptName"}


def _meta_label(meta: dict, *keys: str, value=None) -> str | None:
    """The display name the console keeps for a parameter (ActionMetadata), by its usual keys.

    `meta[key]` may be the name itself, or `{"text"|"displayName"|"name": ...}`; the same under
    `meta["parameters"]`. For an audio prompt, `promptName` names it.
    """
    places = [meta, _dict(meta.get("parameters"))]
    for key in keys:
        for place in places:
            entry = place.get(key)
            if isinstance(entry, str) and key in _NAME_KEYS and entry.strip():
                return entry
            if isinstance(entry, dict):
                for field_name in ("text", "displayName", "name", "friendlyName"):
                    if isinstance(entry.get(field_name), str) and entry[field_name].strip():
                        return entry[field_name]
    if any(k in ("PromptId", "AudioPrompt", "PromptName") for k in keys):
        if isinstance(meta.get("promptName"), str) and meta["promptName"].strip():
            return meta["promptName"]
        for entry in _list(meta.get("audio")) + _list(meta.get("prompts")):
            if isinstance(entry, dict) and (value is None or entry.get("id") == value) and isinstance(
                    entry.get("text") or entry.get("name"), str):
                return entry.get("text") or entry.get("name")
    return None


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _str(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _named_end(name: str) -> str | None:
    """`voicemail` or `callback` when a flow's name says that is what it does."""
    if re.search(r"voice ?mail", name, re.I):
        return "voicemail"
    if re.search(r"call ?back", name, re.I):
        return "callback"
    return None


class LoopUnroller:
    """A `Loop` turned into the passes it counts, so the call goes round LoopCount times and no more.

    Connect's Loop answers ContinueLooping LoopCount times, then DoneLooping once, and starts
    counting again. The nodes between ContinueLooping and the way back to the loop (its body) are
    copied once per pass (`<node>-pass-2`...), each copy's way back leading to the next pass and
    the last one's to DoneLooping. When the count is not a small number written in the export, or
    the body is large or holds another loop, the loop stays a `branch` on its count (an unknown).
    """

    MAX_NODES = 400

    def __init__(self, draft: Draft, action: Action, node_id: str, other_loops: set[str]):
        self.draft = draft
        self.action = action
        self.node_id = node_id
        self.other_loops = other_loops

    def resolve(self, target: str | None) -> str | None:
        seen = set()
        while target in self.draft.passes and target not in seen:
            seen.add(target)
            target = self.draft.passes[target].target
        return target

    def targets(self, node) -> list[str]:
        return [self.resolve(t) for t in self.draft.targets(node)]

    def run(self) -> None:
        loop = self.draft.nodes.get(self.node_id)
        if loop is None or loop.type != "branch":
            return
        count = _number(self.action.params.get("LoopCount"))
        cont = self.resolve(loop.fields.get("default"))
        done = self.resolve((loop.fields.get("cases") or {}).get("DoneLooping"))
        body = self.body(cont) if cont in self.draft.nodes else set()
        if not isinstance(count, int) or count < 0 or done is None:
            return self.keep(loop, f"LoopCount {self.action.params.get('LoopCount')!r} is not a number in the export")
        if count == 0:
            return self.replace(loop, done, "LoopCount 0: DoneLooping at once")
        if not body:
            return self.keep(loop, "the loop's ContinueLooping path never comes back to it")
        if body & self.other_loops or len(body) * (count + 1) > self.MAX_NODES:
            return self.keep(loop, "the loop's passes are too many to draw one by one")
        inside_refs = any(t in body for n in self.draft.nodes.values() if n.id not in body and n.id != self.node_id
                          for t in self.targets(n)) or self.resolve(self.draft.start) in body
        offset = 1 if inside_refs else 0
        if len(body) == 1 and self.fold(self.draft.nodes[next(iter(body))], count, offset, done):
            return self.replace(loop, cont, f"LoopCount {count}: the retries of {cont}")
        copies: list[dict[str, str]] = [{n: n for n in body}]
        for index in range(1, count + offset):
            copies.append({n: self.draft.reserve(n, f"pass-{index + 1}") for n in sorted(body)})

        def visit(number: int) -> str:
            """Where the loop's `number`-th answer leads (1 = the first time it is reached)."""
            return copies[number - 1 + offset][cont] if number <= count else done

        pristine = {n: copy.deepcopy(self.draft.nodes[n]) for n in body}
        for index, ids in enumerate(copies):
            back = visit(index + 2 - offset)
            for original in sorted(body):
                node = self.draft.nodes[original]
                if index == 0:
                    self.retarget(node, lambda t: back if t == self.node_id else t)
                    node.comment.append(f"pass 1 of {self.action.type} {self.action.id} (LoopCount {count})")
                    continue
                clone = copy.deepcopy(pristine[original])
                clone.id = ids[original]
                clone.comment = [c for c in clone.comment if not c.startswith("pass 1 of")] + [
                    f"pass {index + 1} of {self.action.type} {self.action.id} (LoopCount {count})"]
                self.retarget(clone, lambda t, ids=ids, back=back: back if t == self.node_id else ids.get(t, t))
                self.draft.nodes[clone.id] = clone
                for unknown in [u for u in self.draft.unknowns if u.node == original]:
                    self.draft.unknowns.append(type(unknown)(clone.id, unknown.kind, unknown.detail, unknown.line,
                                                             unknown.column))
        self.replace(loop, visit(1), f"LoopCount {count}: unrolled into {len(copies)} passes")

    def fold(self, node, count: int, offset: int, done: str) -> bool:
        """A menu or input whose failures go round the loop: the loop is its retries (the common shape)."""
        if node.type not in ("menu", "input") or (node.type == "input" and self.resolve(
                node.fields.get("next")) == self.node_id):
            return False
        failures = [f for f in ("on_no_input", "on_no_match", "on_invalid", "on_max_retries")
                    if self.resolve(node.fields.get(f)) == self.node_id]
        if not failures:
            return False
        for name in failures:
            del node.fields[name]
        for key, option in list((node.fields.get("options") or {}).items()):
            target = option if isinstance(option, str) else option.get("next")
            if self.resolve(target) == self.node_id:
                label = option.get("label") if isinstance(option, dict) else None
                node.fields["options"][key] = {"repeat": True, **({"label": label} if label else {})}
        node.fields["retries"] = count - 1 + offset
        node.fields["on_max_retries"] = done
        node.comment.append(f"{self.action.type} {self.action.id} (LoopCount {count}) brings the caller back "
                            f"here after a failure: imported as the node's retries")
        return True

    def body(self, cont: str) -> set[str]:
        """Nodes on a way from ContinueLooping back to the loop."""
        forward, pending = set(), [cont]
        edges: dict[str, list[str]] = {}
        while pending:
            current = pending.pop()
            if current in forward or current == self.node_id or current not in self.draft.nodes:
                continue
            forward.add(current)
            edges[current] = self.targets(self.draft.nodes[current])
            pending.extend(edges[current])
        back = {n for n in forward if self.node_id in edges[n]}
        changed = True
        while changed:
            changed = False
            for n in forward - back:
                if any(t in back for t in edges[n]):
                    back.add(n)
                    changed = True
        return back

    def retarget(self, node, change) -> None:
        from ivr_lint.importers.draft import TARGET_FIELDS

        for name in TARGET_FIELDS[node.type]:
            if node.fields.get(name):
                node.fields[name] = change(self.resolve(node.fields[name]))
        for key, option in list((node.fields.get("options") or {}).items()):
            if isinstance(option, str):
                node.fields["options"][key] = change(self.resolve(option))
            elif isinstance(option, dict) and option.get("next"):
                option["next"] = change(self.resolve(option["next"]))
        cases = node.fields.get("cases") or {}
        for key, target in list(cases.items()):
            cases[key] = change(self.resolve(target))

    def replace(self, loop, target: str, what: str) -> None:
        del self.draft.nodes[loop.id]
        self.draft.pass_through(loop.id, target, origin=loop.origin, origin_id=loop.origin_id,
                                what=f"Loop ({what})")

    def keep(self, loop, why: str) -> None:
        loop.comment.append(f"not unrolled: {why}; the branch's variable counts the passes")
        self.draft.unknown(loop.id, "condition", f"how many times the loop has run ({why})")
