"""Genesys Cloud Architect flows in Archy YAML (`inboundCall`, `inqueueCall`, `outboundCall`).

Menus become `menu` nodes (choices keyed by their `dtmf`, with their speech terms);
tasks become the chain of their actions. An action's outputs (a transfer's failure,
a schedule's open/closed/holiday, a decision's yes/no) run their own actions and then
go on with the action after it, as in Architect.

Assumptions, stated on the nodes they create: at the end of a task with no
terminating action Architect disconnects (`<task>-end`); after a menu's last repeat
with no selection it disconnects (`<menu>-no-selection`); an in-queue flow that runs
out of actions keeps the caller waiting in queue (`in-queue`). A transfer's
`failureTransferAudio` is said when it fails, before its failure outputs; a transfer
chosen in a menu has no failure output, so the call ends after those words
(`<choice>-failed`), as it ends at the end of a task.

Terraform `{{...}}` substitutions are kept as text; a file that is not valid YAML
until they are substituted is read by protecting them first.
"""

from __future__ import annotations

import re

import yaml

from ivr_lint.importers.draft import Draft, speech_menu
from ivr_lint.importers.result import ImportFailure, unknown_text
from ivr_lint.importers.textutil import decode_export, normalise_language, squash
from ivr_lint.loading.source import ContentError
from ivr_lint.loading.yamlparse import compose

FORMAT = "genesys-archy"
VOICE_FLOWS = ("inboundCall", "inqueueCall", "outboundCall", "secureCall")
OTHER_FLOWS = ("inboundEmail", "inboundShortMessage", "inboundChat", "inboundMessage", "workflow", "bot",
               "digitalBot", "voiceSurvey", "commonModule", "voicemail")
_OPEN, _CLOSE = "\ue000", "\ue001"
_MAX_VALUES = 500_000
SILENT = {"updateData", "setParticipantData", "getParticipantData", "setLanguage", "setUUIData", "setScreenPop",
          "setWrapupCode", "setExternalTag", "flushAudio", "initializeFlowOutcome", "setFlowOutcome",
          "addFlowMilestone", "setWhisperAudio", "enableParticipantRecord", "setConversationData",
          "getConversationData", "setSecuredData", "decryptData", "encryptData", "getExternalContact",
          "getExternalOrganization", "sendResponse", "setCallData", "setSkills", "setPriority", "setUtilization",
          "updateExternalContact", "setAcdSkills", "setAcdPriority", "setAcdLanguageSkill", "setBargeIn",
          "setFlowOutcomeData"}


class Located:
    """Plain Python values from YAML, with the position of each mapping and list."""

    def __init__(self, text: str):
        protected = text.replace("{{", _OPEN * 2).replace("}}", _CLOSE * 2)
        try:
            root = compose(protected)
        except ContentError as error:
            raise ImportFailure(f"not valid YAML: {_restore(str(error))}", error.pos.line, error.pos.column) from None
        self.pos: dict[int, tuple[int, int]] = {}
        self._keep: list = []
        self._budget = _MAX_VALUES
        self.value = self.build(root) if root is not None else None

    def build(self, node: yaml.Node):
        self._budget -= 1
        if self._budget < 0:
            raise ImportFailure("the YAML expands to too many values (aliases?) to be a flow export")
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key, value in node.value:
                name = _restore(key.value) if isinstance(key, yaml.ScalarNode) else "<complex key>"
                out[name] = self.build(value)
        elif isinstance(node, yaml.SequenceNode):
            out = [self.build(item) for item in node.value]
        else:
            if node.tag == "tag:yaml.org,2002:null" and node.style is None:
                return None
            return _restore(node.value)
        self.pos[id(out)] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self._keep.append(out)
        return out

    def at(self, obj) -> tuple[int, int] | None:
        return self.pos.get(id(obj))


def _restore(text: str) -> str:
    return text.replace(_OPEN, "{").replace(_CLOSE, "}")


def convert(data: bytes, name: str) -> Draft:
    located = Located(decode_export(data))
    top = located.value
    if not isinstance(top, dict):
        raise ImportFailure("an Archy flow is a YAML mapping whose key is the flow type (inboundCall...)", 1, 1)
    kind = next((k for k in top if k in VOICE_FLOWS), None)
    if kind is None:
        other = next((k for k in top if k in OTHER_FLOWS), None)
        if other:
            raise ImportFailure(f"`{other}` is not a voice flow: ivr-lint imports inboundCall, inqueueCall and "
                                "outboundCall flows", *(located.at(top) or (None,)), element=other)
        raise ImportFailure("not an Archy flow: expected a top-level inboundCall, inqueueCall or outboundCall key",
                            1, 1)
    body = top[kind]
    if not isinstance(body, dict):
        raise ImportFailure(f"`{kind}` must be a mapping", element=kind)
    draft = Draft(FORMAT, name)
    draft.variant = kind
    draft.kind = {"inqueueCall": "in-queue", "outboundCall": "outbound"}.get(kind, "inbound")
    draft.title = body.get("name") if isinstance(body.get("name"), str) else None
    Converter(draft, located, kind, body).run()
    return draft


def lit(value):
    """The literal inside Archy's wrappers ({lit: ...}); None for noValue or an expression."""
    if isinstance(value, dict):
        if "lit" in value:
            return value["lit"]
        return None
    return value


def seconds(value) -> float | None:
    inner = lit(value)
    if isinstance(inner, dict):
        total = 0.0
        for unit, factor in (("ms", 0.001), ("seconds", 1), ("minutes", 60), ("hours", 3600)):
            if unit in inner:
                try:
                    total += float(inner[unit]) * factor
                except (TypeError, ValueError):
                    return None
        return total or None
    return None


def number(value) -> int | None:
    inner = lit(value)
    try:
        return int(str(inner))
    except (TypeError, ValueError):
        return None


_AUDIO_TOKEN = re.compile(
    r'ToAudioTTS\(\s*"((?:[^"\\]|\\.)*)"\s*\)'            # 1: literal text to speech
    r"|ToAudio\(\s*(Prompt\.[\w.]+)\s*\)"                  # 2: a prompt resource
    r"|(ToAudio(?:Number|Duration|Currency|Time|Date|DateTime|Digits|PhoneNumber|TTS|Blank)?\()"  # 3: run-time audio
)


class Converter:
    def __init__(self, draft: Draft, located: Located, kind: str, body: dict):
        self.draft = draft
        self.located = located
        self.kind = kind
        self.body = body
        settings = body.get("settingsMenu") if isinstance(body.get("settingsMenu"), dict) else {}
        self.menu_timeout = seconds(settings.get("menuSelectionTimeout"))
        self.menu_repeats = number(settings.get("repeatCount"))
        defaults = body.get("settingsActionDefaults") if isinstance(body.get("settingsActionDefaults"), dict) else {}
        collect = defaults.get("collectInput") if isinstance(defaults.get("collectInput"), dict) else {}
        self.input_timeout = seconds(collect.get("noEntryTimeout"))
        self.menus: dict[str, dict] = {}
        self.menu_ids: dict[str, str] = {}
        self.tasks: dict[str, dict] = {}
        self.task_entry: dict[str, str] = {}
        self.building: set[str] = set()

    def origin(self, obj) -> tuple[int, int] | None:
        return self.located.at(obj)

    # entry -------------------------------------------------------------------------------
    def run(self) -> None:
        language = normalise_language(self.body.get("defaultLanguage"))
        if language:
            self.draft.language = language
        for item in self.body.get("menus") or []:
            menu = item.get("menu") if isinstance(item, dict) else None
            if isinstance(menu, dict):
                self.register_menu(menu, item)
        for item in self.body.get("tasks") or []:
            task = item.get("task") if isinstance(item, dict) else None
            if isinstance(task, dict):
                ref = str(task.get("refId") or task.get("name") or f"task-{len(self.tasks) + 1}")
                self.tasks[ref] = task
                self.tasks.setdefault(str(task.get("name")), task)
                task["#item"] = item
        if self.kind == "inqueueCall":
            actions = self.body.get("startUpTaskActions") or self.body.get("actions") or []
            waiting = self.draft.reserve("in-queue")
            self.draft.add(waiting, "transfer", origin=self.origin(self.body),
                           origin_id=f"{self.kind} (end of actions)",
                           comment=["the in-queue flow ran out of actions: the caller keeps waiting in the queue "
                                    "until an agent answers (Architect starts the in-queue flow again)",
                                    "an in-queue flow runs while the caller is already in line: this node stands "
                                    "for the agent who picks the call up"], synthetic=True,
                           label="waiting in queue until an agent answers", agent=True)
            start = self.actions(actions, waiting, "")
        else:
            ref = self.body.get("startUpRef")
            if not isinstance(ref, str):
                raise ImportFailure(f"the {self.kind} has no startUpRef: where does the call start?",
                                    element="startUpRef")
            start = self.target_of_ref(ref, self.body)
        for menu in list(self.menus.values()):
            self.build_menu(menu)
        for ref, task in self.tasks.items():
            if ref == str(task.get("refId") or task.get("name")):
                self.task(task)
        greeting = self.audio(self.body.get("initialGreeting"), "initial-greeting")
        if greeting:
            node_id = self.draft.reserve("initial-greeting")
            self.draft.add(node_id, "play", origin=self.origin(self.body.get("initialGreeting")),
                           origin_id="initialGreeting", prompt=greeting, next=start)
            start = node_id
        self.draft.start = start

    def register_menu(self, menu: dict, item) -> str:
        ref = str(menu.get("refId") or menu.get("name") or f"menu-{len(self.menus) + 1}")
        menu["#item"] = item
        self.menus[ref] = menu
        self.menu_ids[ref] = self.draft.reserve(str(menu.get("name") or ref), fallback="menu")
        return self.menu_ids[ref]

    def target_of_ref(self, ref: str, where) -> str:
        match = re.search(r"/(menus/menu|tasks/task)\[([^\]]+)\]", ref)
        if match is None:
            raise ImportFailure(f"cannot read the reference {ref!r}", *(self.origin(where) or (None,)), element=ref)
        key = match.group(2)
        known = self.menu_ids if match.group(1) == "menus/menu" else self.tasks
        if key not in known:
            what = "menu" if known is self.menu_ids else "task"
            if where is self.body:  # no entry point: nothing to check or simulate
                raise ImportFailure(f"{ref!r} names a {what} that is not in the flow",
                                    *(self.origin(where) or (None,)), element=ref)
            return self.draft.dangle(ref, what=f"a reference to the {what} {key!r}", origin=self.origin(where), name=key)
        if known is self.menu_ids:
            return self.menu_ids[key]
        return self.task(self.tasks[key])

    def task(self, task: dict) -> str:
        ref = str(task.get("refId") or task.get("name"))
        if ref in self.task_entry:
            return self.task_entry[ref]
        name = str(task.get("name") or ref)
        end = self.draft.reserve(name, "end")
        self.draft.add(end, "hangup", origin=self.origin(task), origin_id=f"task {name} (end)",
                       comment="end of the task without a terminating action: Architect disconnects", synthetic=True,
                       label=f"end of task {name}")
        # the task's id stands for its first action, so tasks may jump to themselves
        placeholder = self.draft.reserve(name)
        self.task_entry[ref] = placeholder
        entry = self.actions(task.get("actions") or [], end, name)
        self.draft.pass_through(placeholder, entry, origin=self.origin(task), origin_id=f"task {name}", quiet=True)
        return placeholder

    # menus ---------------------------------------------------------------------------------
    def build_menu(self, menu: dict, parent: str | None = None) -> str:
        ref = str(menu.get("refId") or menu.get("name"))
        node_id = self.menu_ids[ref]
        if node_id in self.draft.nodes or node_id in self.building:
            return node_id
        self.building.add(node_id)
        name = str(menu.get("name") or ref)
        settings = menu.get("settingsMenu") if isinstance(menu.get("settingsMenu"), dict) else {}
        timeout = seconds(settings.get("menuSelectionTimeout")) or self.menu_timeout
        repeats = number(settings.get("repeatCount"))
        repeats = repeats if repeats is not None else self.menu_repeats
        options: dict[str, dict] = {}
        spoken: list[tuple[list[str], str, str]] = []
        for choice_item in menu.get("choices") or []:
            if not isinstance(choice_item, dict) or not choice_item:
                continue
            choice_type, choice = next(iter(choice_item.items()))
            if not isinstance(choice, dict):
                continue
            key = dtmf_key(choice.get("dtmf"))
            label = str(choice.get("name") or choice_type)
            words = speech_terms(choice)
            if key is None and not words:
                self.draft.warn(f"menu {name}: choice {label!r} has neither a DTMF key nor speech terms; left out")
                continue
            target = self.choice(choice_type, choice, choice_item, node_id, name)
            if key is None:
                spoken.append((words, target, label))
                continue
            option = {"repeat": True} if target == "#repeat" else {"next": target}
            option["label"] = label
            if words:
                option["speech"] = words
            if key in options:
                self.draft.warn(f"menu {name}: two choices use key {key}; the first is kept")
                continue
            options[key] = option
        give_up = self.draft.reserve(node_id, "no-selection")
        self.draft.add(give_up, "hangup", origin=self.origin(menu.get("#item")),
                       origin_id=f"menu {name} (no selection)",
                       comment="after the last repeat with no selection Architect disconnects", synthetic=True,
                       label="no selection: disconnect")
        base = {"origin": self.origin(menu.get("#item")), "origin_id": f"menu {ref}"}
        if not options and spoken:
            speech_menu(self.draft, node_id, base, label=name, prompt=self.audio(menu.get("audio"), node_id),
                        choices=spoken, timeout=timeout, retries=repeats, on_no_input=None, on_no_match=None,
                        on_max_retries=give_up)
            return node_id
        if spoken:
            self.draft.warn(f"menu {name}: speech-only choices " + ", ".join(repr(c[2]) for c in spoken)
                            + " cannot sit beside DTMF options in flow format v1; left out")
        if not options:
            self.draft.warn(f"menu {name} offers no choice")
            self.draft.add(node_id, "play", **base, comment="a menu with no choice", label=name,
                           prompt=self.audio(menu.get("audio"), node_id), next=give_up)
            return node_id
        self.draft.add(node_id, "menu", origin=self.origin(menu.get("#item")), origin_id=f"menu {ref}",
                       label=name if name != node_id else None, prompt=self.audio(menu.get("audio"), node_id),
                       options=options, timeout=timeout, retries=repeats, on_max_retries=give_up)
        return node_id

    def choice(self, choice_type: str, choice: dict, item, menu_id: str, menu_name: str) -> str:
        label = str(choice.get("name") or choice_type)
        scope = f"{menu_id} {label}"
        if choice_type == "menuTask":
            task = choice.get("task") if isinstance(choice.get("task"), dict) else {}
            end = self.draft.reserve(scope, "end")
            self.draft.add(end, "hangup", origin=self.origin(item), origin_id=f"{choice_type} {label} (end)",
                           comment="end of the task without a terminating action: Architect disconnects",
                           synthetic=True, label=f"end of {label}")
            return self.actions(task.get("actions") or [], end, scope)
        if choice_type in ("menuJumpToMenu", "jumpToMenu"):
            return self.target_of_ref(str(choice.get("targetMenuRef")), item)
        if choice_type in ("menuJumpToTask", "jumpToTask"):
            return self.target_of_ref(str(choice.get("targetTaskRef")), item)
        if choice_type == "menuSubMenu":
            sub = choice.get("menu") if isinstance(choice.get("menu"), dict) else choice
            self.register_menu(sub, item)
            return self.build_menu(sub, menu_id)
        if choice_type == "menuRepeat":
            return "#repeat"
        if choice_type in ("menuMainMenu", "menuPreviousMenu"):
            ref = self.body.get("startUpRef")
            return self.target_of_ref(ref, item) if isinstance(ref, str) and "menus/" in ref else menu_id
        # the remaining choice types are the actions of the same name without the "menu" prefix
        action_type = choice_type[4].lower() + choice_type[5:] if choice_type.startswith("menu") else choice_type
        return self.action(action_type, choice, item, None, menu_id, in_menu=True)

    # actions ---------------------------------------------------------------------------------
    def actions(self, items: list, cont: str | None, scope: str) -> str | None:
        """Build a list of actions backwards; return the id of the first one the caller meets."""
        entry = cont
        for item in reversed(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or not item:
                continue
            action_type, body = next(iter(item.items()))
            entry = self.action(str(action_type), body if isinstance(body, dict) else {}, item, entry, scope)
        return entry

    def outputs(self, body: dict, name: str, cont: str | None, scope: str) -> str | None:
        outputs = body.get("outputs") if isinstance(body.get("outputs"), dict) else {}
        out = outputs.get(name) if isinstance(outputs.get(name), dict) else None
        if out is None:
            return cont
        return self.actions(out.get("actions") or [], cont, f"{scope} {name}")

    def has_output(self, body: dict, name: str) -> bool:
        outputs = body.get("outputs") if isinstance(body.get("outputs"), dict) else {}
        out = outputs.get(name)
        return isinstance(out, dict) and bool(out.get("actions"))

    def action(self, action_type: str, body: dict, item, nxt: str | None, scope: str, in_menu: bool = False) -> str:
        name = str(body.get("name") or action_type)
        node_id = self.draft.reserve(scope, name)
        base = {"origin": self.origin(item), "origin_id": f"{action_type} {name!r}"}
        handler = getattr(self, f"on_{action_type}", None)
        if handler is not None:
            return handler(node_id, body, base, nxt, scope, in_menu)
        if action_type in SILENT:
            self.draft.pass_through(node_id, nxt, origin=base["origin"], origin_id=base["origin_id"],
                                    what=action_type)
            return node_id
        return self.opaque(node_id, action_type, body, base, nxt, scope)

    def guard(self, node_id: str, base: dict, failure: str | None, main_type: str, in_menu: bool = False,
              **fields) -> str:
        """A node that can fail: a branch on `error` before it when the failure leads somewhere."""
        if failure is None:
            self.draft.add(node_id, main_type, **base, **fields)
            return node_id
        main_id = self.draft.reserve(node_id, main_type)
        why = "a failed transfer (a menu choice has no failure output)" if in_menu else "the action's failure output"
        self.draft.add(node_id, "branch", **base, comment=why, on="error",
                       cases={"failure": failure}, default=main_id)
        self.draft.add(main_id, main_type, **base, **fields)
        return node_id

    def on_playAudio(self, node_id, body, base, nxt, scope, in_menu):
        prompt = self.audio(body.get("audio"), node_id)
        if nxt is None:
            self.draft.add(node_id, "hangup", **base, prompt=prompt)
        else:
            self.draft.add(node_id, "play", **base, prompt=prompt, next=nxt)
        return node_id

    def on_disconnect(self, node_id, body, base, nxt, scope, in_menu):
        self.draft.add(node_id, "hangup", **base)
        return node_id

    def failed_transfer(self, node_id: str, body: dict, base: dict, failure: str | None) -> str | None:
        """Where a failed transfer leads: its `failureTransferAudio` first (Architect plays it when the
        transfer fails), then the failure outputs or the next action. Where nothing follows (a menu
        choice, the end of a task) the call ends after the words."""
        audio = body.get("failureTransferAudio")
        if audio is None:
            return failure
        said_id = self.draft.reserve(node_id, "failed")
        prompt = self.audio(audio, said_id)
        if not prompt:  # ToAudioBlank: nothing is said
            return failure
        where = {"origin": base["origin"], "origin_id": f"failureTransferAudio of {base['origin_id']}"}
        if failure is None:
            self.draft.add(said_id, "hangup", **where, prompt=prompt,
                           comment="the transfer failed: its failed-transfer audio, and nothing follows it")
        else:
            self.draft.add(said_id, "play", **where, prompt=prompt, next=failure,
                           comment="the transfer failed: its failed-transfer audio, then its failure path")
        return said_id

    def on_transferToAcd(self, node_id, body, base, nxt, scope, in_menu):
        queue = _name(body.get("targetQueue"))
        failure = self.failed_transfer(node_id, body, base,
                                       self.outputs(body, "failure", nxt, node_id) if not in_menu else None)
        node = self.guard(node_id, base, failure, "queue", in_menu,
                          prompt=self.audio(body.get("preTransferAudio"), node_id), queue=queue)
        flow = _name(body.get("overrideInQueueFlow"))
        where = f"the in-queue flow {flow!r}" if flow else f"the in-queue flow of queue {queue!r}" if queue else \
            "the queue's in-queue flow"
        queue_id = node if self.draft.nodes[node].type == "queue" else self.draft.nodes[node].fields["default"]
        self.draft.elsewhere(queue_id, "congestion", f"{where} (a separate export)")
        self.draft.nodes[queue_id].comment.append(f"what callers hear while waiting, and when the line is saturated, "
                                                  f"is in {where}")
        return node

    def on_transferToUser(self, node_id, body, base, nxt, scope, in_menu):
        who = _name(body.get("targetUser") or body.get("targetGroup")) or "a person"
        failure = self.failed_transfer(node_id, body, base,
                                       self.outputs(body, "failure", nxt, node_id) if not in_menu else None)
        return self.guard(node_id, base, failure, "queue", in_menu,
                          prompt=self.audio(body.get("preTransferAudio"), node_id),
                          queue=f"{'group' if 'targetGroup' in body else 'user'} {who}")

    on_transferToGroup = on_transferToUser

    def on_transferToNumber(self, node_id, body, base, nxt, scope, in_menu):
        number = _text(body.get("targetNumber")) or None
        failure = self.failed_transfer(node_id, body, base,
                                       self.outputs(body, "failure", nxt, node_id) if not in_menu else None)
        self.draft.add(node_id, "transfer", **base, prompt=self.audio(body.get("preTransferAudio"), node_id),
                       number=number, on_failure=failure)
        return node_id

    def on_transferToVoicemail(self, node_id, body, base, nxt, scope, in_menu):
        destination = body.get("destination") if isinstance(body.get("destination"), dict) else {}
        kind, target = next(iter(destination.items()), ("queue", {}))
        target = target if isinstance(target, dict) else {}
        who = _name(target.get("targetQueue") or target.get("targetUser") or target.get("targetGroup"))
        label = f"voicemail of {kind} {who}" if who else "voicemail"
        greeting = self.audio(target.get("voicemailGreeting"), node_id)
        failure = self.outputs(body, "failure", nxt, node_id)
        comment = "callback number: " + _text(target.get("callbackNumber")) if target.get("callbackNumber") else None
        node = self.guard(node_id, base, failure, "voicemail", label=label, prompt=greeting)
        if comment:
            self.draft.nodes[node].comment.append(comment)
        return node

    def on_transferToFlow(self, node_id, body, base, nxt, scope, in_menu):
        flow = _name(body.get("targetFlow")) or "another flow"
        failure = self.failed_transfer(node_id, body, base, self.outputs(body, "failure", nxt, node_id))
        named = "voicemail" if re.search(r"voice ?mail", flow, re.I) else \
            "callback" if re.search(r"call ?back", flow, re.I) else None
        if named:
            node = self.guard(node_id, base, failure, named, label=f"{named}: flow {flow!r}")
            self.draft.nodes[node].comment.append(f"a flow named for a {named} takes the call over")
        else:
            self.draft.add(node_id, "transfer", **base, comment="the call leaves this flow",
                           label=f"continues in flow {flow!r} (not in this export)", agent=False, on_failure=failure)
            node = node_id
        self.draft.unknown(node, "sub-flow", f"the call continues in flow {flow!r}, which is not in this export",
                           base["origin"])
        return node

    on_transferToFlowSecure = on_transferToFlow

    def on_jumpToMenu(self, node_id, body, base, nxt, scope, in_menu):
        return self.target_of_ref(str(body.get("targetMenuRef")), body)

    def on_jumpToTask(self, node_id, body, base, nxt, scope, in_menu):
        return self.target_of_ref(str(body.get("targetTaskRef")), body)

    def on_evaluateScheduleGroup(self, node_id, body, base, nxt, scope, in_menu):
        group = _name(body.get("scheduleGroup")) or _text(body.get("scheduleGroup")) or "schedule group"
        opened = self.outputs(body, "open", nxt, node_id)
        closed = self.outputs(body, "closed", nxt, node_id)
        holiday = self.outputs(body, "holiday", nxt, node_id)
        hours_id = node_id
        if self.has_output(body, "emergency"):
            hours_id = self.draft.reserve(node_id, "hours")
            emergency = self.outputs(body, "emergency", nxt, node_id)
            group_name = _name(body.get("emergencyGroup")) or "emergency group"
            self.draft.add(node_id, "branch", **base, comment="an active emergency group takes precedence",
                           on=f"emergency: {group_name}", cases={"active": emergency}, default=hours_id)
            self.draft.unknown(node_id, "condition", f"whether emergency group {group_name!r} is active")
        self.draft.add(hours_id, "hours", **base, comment="the schedules live in Genesys Cloud, not in the export",
                       label=f"schedule group {group}", open=opened, closed=closed,
                       holiday=holiday if holiday != closed else None)
        return node_id

    def on_evaluateSchedule(self, node_id, body, base, nxt, scope, in_menu):
        schedule = _name(body.get("schedule")) or "schedule"
        outputs = body.get("outputs") if isinstance(body.get("outputs"), dict) else {}
        opened = next((self.outputs(body, k, nxt, node_id) for k in ("yes", "inSchedule", "open") if k in outputs), nxt)
        closed = next((self.outputs(body, k, nxt, node_id) for k in ("no", "outOfSchedule", "closed") if k in outputs),
                      nxt)
        self.draft.add(node_id, "hours", **base, comment="the schedule lives in Genesys Cloud, not in the export",
                       label=f"schedule {schedule}", open=opened, closed=closed)
        return node_id

    def on_decision(self, node_id, body, base, nxt, scope, in_menu):
        condition = _text(body.get("condition")) or "condition"
        yes = self.outputs(body, "yes", nxt, node_id)
        no = self.outputs(body, "no", nxt, node_id)
        self.draft.add(node_id, "branch", **base, on=condition, cases={"yes": yes} if yes else None, default=no)
        self.draft.unknown(node_id, "condition", f"Architect expression {condition}")
        return node_id

    def on_switch(self, node_id, body, base, nxt, scope, in_menu):
        cases = {}
        for index, case in enumerate(body.get("cases") or []):
            case = case.get("case") if isinstance(case, dict) and isinstance(case.get("case"), dict) else case
            if not isinstance(case, dict):
                continue
            value = _text(case.get("value")) or f"case {index + 1}"
            out = case.get("outputs", {}).get("yes") if isinstance(case.get("outputs"), dict) else None
            actions = (out or {}).get("actions") if isinstance(out, dict) else case.get("actions")
            cases.setdefault(value, self.actions(actions or [], nxt, f"{node_id} case {index + 1}"))
        default = self.outputs(body, "default", nxt, node_id)
        self.draft.add(node_id, "branch", **base, on=f"first true of {len(cases)} expressions", cases=cases or None,
                       default=default)
        self.draft.unknown(node_id, "condition", "Architect switch on expressions")
        return node_id

    def on_collectInput(self, node_id, body, base, nxt, scope, in_menu):
        variable = _var(body.get("inputData")) or "Task.input"
        digits_spec = body.get("digits") if isinstance(body.get("digits"), dict) else {}
        exact = number(digits_spec.get("exact"))
        low, high = number((digits_spec.get("range") or {}).get("min") if isinstance(digits_spec.get("range"), dict)
                           else None), number((digits_spec.get("range") or {}).get("max")
                                              if isinstance(digits_spec.get("range"), dict) else None)
        digits = (exact, exact) if exact else ((low or 1, high) if high else None)
        timeout = seconds(body.get("noEntryTimeout")) or self.input_timeout
        prompt = self.audio(body.get("inputAudio"), node_id)
        failure = self.outputs(body, "failure", nxt, node_id)
        menu = self.input_menu(body, variable, exact, nxt, node_id)
        if menu is not None:
            options, no_match = menu
            self.draft.add(node_id, "menu", **base, comment="collectInput of one key followed by a decision on it",
                           prompt=prompt, options=options, timeout=timeout, retries=0, on_no_input=failure,
                           on_no_match=no_match, on_max_retries=failure)
            return node_id
        success = self.outputs(body, "success", nxt, node_id)
        self.draft.add(node_id, "input", **base, prompt=prompt, variable=variable, digits=digits, next=success,
                       timeout=timeout, retries=0, on_no_input=failure, on_invalid=failure, on_max_retries=failure)
        return node_id

    def input_menu(self, body: dict, variable: str, exact: int | None, nxt, scope) -> tuple[dict, str] | None:
        """collectInput of one digit whose success is decisions on `var == "N"`: a menu."""
        if exact != 1:
            return None
        outputs = body.get("outputs") if isinstance(body.get("outputs"), dict) else {}
        success = outputs.get("success") if isinstance(outputs.get("success"), dict) else {}
        actions = success.get("actions") if isinstance(success.get("actions"), list) else []
        if not actions or not isinstance(actions[0], dict) or "decision" not in actions[0]:
            return None
        options: dict[str, dict] = {}
        rest = actions
        pattern = re.compile(rf'^\s*{re.escape(variable)}\s*==\s*"([0-9*#])"\s*$')
        while rest and isinstance(rest[0], dict) and "decision" in rest[0]:
            decision = rest[0]["decision"] if isinstance(rest[0]["decision"], dict) else {}
            match = pattern.match(_text(decision.get("condition")) or "")
            if match is None:
                return None
            after = self.actions(rest[1:], nxt, f"{scope} after") if len(rest) > 1 else nxt
            key = match.group(1)
            options[key] = {"next": self.outputs(decision, "yes", after, f"{scope} {key}")}
            if decision.get("name") and str(decision["name"]).strip().lower() != "decision":
                options[key]["label"] = str(decision["name"])
            no = decision.get("outputs", {}).get("no") if isinstance(decision.get("outputs"), dict) else None
            if isinstance(no, dict) and no.get("actions"):
                rest = no["actions"] + list(rest[1:])
                if "decision" not in (rest[0] if isinstance(rest[0], dict) else {}):
                    return options, self.actions(rest, nxt, f"{scope} other keys")
            else:
                rest = list(rest[1:])
        return options, self.actions(rest, nxt, f"{scope} other keys")

    def on_callData(self, node_id, body, base, nxt, scope, in_menu):
        category = body.get("category") if isinstance(body.get("category"), dict) else {}
        names = []
        for integration in category.values():
            if isinstance(integration, dict) and isinstance(integration.get("dataAction"), dict):
                names.extend(integration["dataAction"])
        action_name = ", ".join(names) or str(body.get("name") or "data action")
        success = self.outputs(body, "success", nxt, node_id)
        cases = {}
        for outcome in ("failure", "timeout"):
            target = self.outputs(body, outcome, nxt, node_id)
            if target != success:
                cases[outcome] = target
        self.draft.add(node_id, "branch", **base, comment=f"data action {action_name}",
                       on=f"result of data action {action_name}", cases=cases or None, default=success)
        self.draft.unknown(node_id, "external-result", f"data action {action_name} (its answer decides the next step)")
        return node_id

    def on_holdMusic(self, node_id, body, base, nxt, scope, in_menu):
        prompt = self.audio(body.get("prompt"), node_id) or unknown_text("hold music")
        self.draft.add(node_id, "play", **base, label="hold music", prompt=prompt, next=nxt)
        return node_id

    def on_playEstimatedWaitTime(self, node_id, body, base, nxt, scope, in_menu):
        prompt = unknown_text("Architect's estimated wait time announcement, about {wait_minutes} minutes")
        self.draft.add(node_id, "play", **base, prompt=prompt, next=nxt)
        self.draft.unknown(node_id, "audio", "the platform's estimated-wait-time words", base["origin"])
        return node_id

    def on_playCallPosition(self, node_id, body, base, nxt, scope, in_menu):
        prompt = unknown_text("Architect's queue position announcement: {queue_position}")
        self.draft.add(node_id, "play", **base, prompt=prompt, next=nxt)
        return node_id

    def on_loop(self, node_id, body, base, nxt, scope, in_menu):
        count = number(body.get("loopCount"))
        outputs = body.get("outputs") if isinstance(body.get("outputs"), dict) else {}
        out = outputs.get("loop") if isinstance(outputs.get("loop"), dict) else {}
        inner = self.actions(out.get("actions") or [], node_id, f"{node_id} loop")
        self.draft.add(node_id, "branch", **base, label=f"loop {count} times" if count else "loop",
                       on=f"{node_id} done", cases={"done": nxt} if nxt else None, default=inner)
        return node_id

    def on_createCallback(self, node_id, body, base, nxt, scope, in_menu):
        self.draft.add(node_id, "callback", **base, label=f"callback in {_name(body.get('targetQueue')) or 'queue'}",
                       next=nxt)
        return node_id

    def opaque(self, node_id, action_type, body, base, nxt, scope):
        self.draft.warn(f"{base['origin_id']}: action type {action_type!r} is not understood by ivr-lint; "
                        "imported as an opaque step")
        outputs = body.get("outputs") if isinstance(body.get("outputs"), dict) else {}
        cases = {}
        for name in outputs:
            target = self.outputs(body, name, nxt, node_id)
            if target != nxt and target:
                cases[name] = target
        label = f"{action_type} (not understood)"
        if nxt is None and not cases:
            self.draft.add(node_id, "hangup", **base, comment="opaque step with nothing after it", label=label)
        elif cases:
            self.draft.add(node_id, "branch", **base, comment="opaque step", label=label,
                           on=f"result of {action_type}", cases=cases, default=nxt)
        else:
            self.draft.add(node_id, "play", **base, comment="opaque step", label=label, next=nxt)
        self.draft.unknown(node_id, "opaque", f"action type {action_type} is not understood", base["origin"])
        return node_id

    # audio ---------------------------------------------------------------------------------
    def audio(self, audio, node_id: str) -> str | None:
        if audio is None or not isinstance(audio, (dict, str)):
            return None
        if isinstance(audio, str):
            return squash(audio) or None
        if "tts" in audio and audio["tts"] is not None:
            return squash(str(audio["tts"])) or None
        if "exp" in audio and isinstance(audio["exp"], str):
            return self.audio_expression(audio["exp"], node_id)
        if "lit" in audio:
            name = _name(audio) or str(audio["lit"])
            self.draft.unknown(node_id, "audio", f"audio prompt {name!r}")
            return unknown_text(f"audio prompt '{name}'")
        if isinstance(audio.get("prompt"), str) and audio["prompt"].strip():  # a named prompt: PromptSystem.x
            name = audio["prompt"].strip()
            self.draft.unknown(node_id, "audio", f"audio prompt {name!r}")
            return unknown_text(f"audio prompt '{name}'")
        if isinstance(audio.get("var"), str) and audio["var"].strip():
            self.draft.unknown(node_id, "audio", f"audio from {audio['var'].strip()}")
            return unknown_text(f"audio from {audio['var'].strip()}")
        return None

    def audio_expression(self, expression: str, node_id: str) -> str | None:
        parts: list[str] = []
        for match in _AUDIO_TOKEN.finditer(expression):
            if match.group(1) is not None:
                parts.append(match.group(1).replace('\\"', '"'))
            elif match.group(2):
                parts.append(unknown_text(f"audio prompt '{match.group(2)}'"))
                self.draft.unknown(node_id, "audio", f"audio prompt {match.group(2)!r}")
            elif match.group(3) and match.group(3) not in ("ToAudioBlank(", "ToAudioTTS("):
                parts.append(unknown_text(f"value spoken at run time ({match.group(3)[:-1]})"))
                self.draft.unknown(node_id, "dynamic-prompt",
                                   f"prompt includes a value computed at run time: {expression}")
            elif match.group(3) == "ToAudioTTS(":
                parts.append(unknown_text("text computed at run time"))
                self.draft.unknown(node_id, "dynamic-prompt", f"prompt text computed at run time: {expression}")
        if not parts:
            if re.search(r"Prompt\.|Flow\.|Task\.", expression):
                self.draft.unknown(node_id, "audio", f"audio from the expression {expression}")
                return unknown_text(f"audio from {expression}")
            return None
        return squash(" ".join(parts)) or None


def dtmf_key(value) -> str | None:
    if not isinstance(value, str):
        return None
    names = {"digit_star": "*", "digit_pound": "#", "digit_hash": "#"}
    if value in names:
        return names[value]
    match = re.fullmatch(r"digit_(\d)", value)
    return match.group(1) if match else None


def speech_terms(choice: dict) -> list[str]:
    terms = choice.get("speechRecTerms")
    words: list[str] = []
    if isinstance(terms, dict):
        for language in terms.values():
            if isinstance(language, dict):
                words.extend(str(t) for t in language.get("terms") or [] if t)
    return words


def _name(value) -> str | None:
    inner = lit(value)
    if isinstance(inner, dict) and inner.get("name") is not None:
        return str(inner["name"])
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    if isinstance(inner, str):
        return inner
    if isinstance(value, dict) and isinstance(value.get("exp"), str):
        return value["exp"]
    return None


def _text(value) -> str:
    if isinstance(value, dict):
        for key in ("exp", "lit", "var"):
            if key in value and value[key] is not None:
                return squash(str(value[key]))
        return ""
    return squash(str(value)) if value is not None else ""


def _var(value) -> str | None:
    if isinstance(value, dict) and value.get("var"):
        return str(value["var"])
    return None
