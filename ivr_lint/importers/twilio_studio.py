"""Twilio Studio flow definitions (`states`, `initial_state`).

Each widget becomes a node named after it. Studio ends the call where an event is not
wired, so an unwired event is never replaced by a guess: every unwired event of every
widget (a split's `noMatch`, a function's `success`/`fail`, a request's `failed`, a
gather's `keypress`, `speech` or `timeout`) leads to an explicit `hangup` node named
`<widget>-<event>-unwired`, so `simulate` runs and the rules see where the call ends; a
message whose `audioComplete` is unwired is the call's last words (a `hangup` with that
prompt). The report lists every unwired event.

A `gather-input-on-call` followed by a `split-based-on` its digits, with one-key
conditions, is a DTMF menu; its `speech` event to a split on `SpeechResult` whose cases
lead where keys lead gives the options' spoken words. Any other gather is an `input`
whose next step is where its keypress (or its speech) leads, through a `branch` on the
kind of answer when keypress and speech lead apart. Studio has no hours widget: a
split on a function's answer whose name speaks of business hours or schedules becomes
an `hours` node (listed as an unknown: the schedule is in the function, not in the
export).
"""

from __future__ import annotations

import json
import re

from ivr_lint.importers.draft import Draft
from ivr_lint.importers.jsonpos import parse_json
from ivr_lint.importers.result import ImportFailure, unknown_text
from ivr_lint.importers.textutil import decode_export, normalise_language, squash

FORMAT = "twilio-studio"
_DTMF = set("0123456789*#")
_WIDGET_REF = re.compile(r"\{\{\s*widgets\.([\w\-]+)\.([\w.\[\]'\"]+?)\s*\}\}")
_LIQUID_VALUE = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.S)
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)([^%]*)-?%\}", re.S)
_HOURS_WORDS = re.compile(r"hour|business|schedule|open|closed|holiday|office", re.I)
_TRUE = {"true", "yes", "1", "open", "opened"}
_FALSE = {"false", "no", "0", "closed"}
SILENT = {"set-variables", "send-message", "update-contact", "fork-stream", "add-to-conversation"}


def convert(data: bytes, name: str) -> Draft:
    doc = parse_json(decode_export(data))
    flow = doc.value
    if not isinstance(flow, dict) or not isinstance(flow.get("states"), list):
        raise ImportFailure("not a Twilio Studio flow definition: expected an object with a `states` list", 1, 1)
    draft = Draft(FORMAT, name)
    draft.title = flow.get("description") if isinstance(flow.get("description"), str) else None
    Converter(draft, doc, flow).run()
    return draft


class Converter:
    def __init__(self, draft: Draft, doc, flow: dict):
        self.draft = draft
        self.doc = doc
        self.flow = flow
        self.current: dict | None = None  # the widget being converted (where its dangling jumps are)
        self.states: dict[str, dict] = {}
        for index, state in enumerate(flow["states"]):
            pos = doc.pos(state)
            if not isinstance(state, dict) or not isinstance(state.get("name"), str) \
                    or not isinstance(state.get("type"), str) or not state["type"]:
                raise ImportFailure(f"state #{index + 1} needs a `name` and a `type`", *(pos or (None,)),
                                    element=f"states[{index}]")
            if state["name"] in self.states:
                raise ImportFailure(f"two states are named {state['name']!r}", *(pos or (None,)), element=state["name"])
            self.states[state["name"]] = state
        self.ids = {name: draft.reserve(name, fallback="widget") for name in self.states}
        self.preds: dict[str, set[str]] = {name: set() for name in self.states}
        for state in self.states.values():
            for transition in _list(state.get("transitions")):
                if isinstance(transition, dict) and isinstance(transition.get("next"), str) \
                        and transition["next"] in self.preds:
                    self.preds[transition["next"]].add(state["name"])
        self.absorbed: set[str] = set()
        self.unwired: list[str] = []
        self.hangups: dict[tuple[str, str], str] = {}

    # helpers ------------------------------------------------------------------------------
    def events(self, state: dict) -> dict[str, str]:
        """event -> next state, for wired events (first wins for repeated events like `match`)."""
        out: dict[str, str] = {}
        for transition in _list(state.get("transitions")):
            if isinstance(transition, dict) and isinstance(transition.get("next"), str) and transition["next"] \
                    and transition.get("event") != "match":
                out.setdefault(str(transition.get("event")), transition["next"])
        return out

    def event_names(self, state: dict) -> list[str]:
        return [str(t.get("event")) for t in _list(state.get("transitions")) if isinstance(t, dict)]

    def ref(self, state_name: str | None, state: dict | None = None, at: dict | None = None) -> str | None:
        """The node id of a state; one the flow does not have is kept dangling at `at` (the transition
        object) or at the widget `state` (default: the widget being converted)."""
        if state_name is None:
            return None
        if state_name in self.ids:
            return self.ids[state_name]
        source = state or self.current
        origin = self.doc.pos(at) if at is not None else self.doc.pos(source) if source else None
        return self.draft.dangle(state_name, what=f"a transition of widget {source['name']!r}" if source else
                                 "a transition", origin=origin)

    def props(self, state: dict) -> dict:
        return state.get("properties") if isinstance(state.get("properties"), dict) else {}

    def common(self, state: dict, comment: str | list[str] | None = None) -> dict:
        name = state["name"]
        label = name if self.ids[name] != name else None
        return {"origin": self.doc.pos(state), "origin_id": f"{state['type']} {name}", "comment": comment,
                **({"label": label} if label else {})}

    def note_unwired(self, state: dict, event: str) -> None:
        self.unwired.append(f"{state['name']}.{event}")

    def prompt(self, state: dict) -> str | None:
        props = self.props(state)
        node_id = self.ids[state["name"]]
        if props.get("say"):
            return self.say_text(state, str(props["say"]))
        if props.get("play"):
            url = str(props["play"])
            self.draft.unknown(node_id, "audio", f"audio prompt {url!r}", self.doc.pos(state))
            return unknown_text(f"audio prompt '{url.rsplit('/', 1)[-1]}'")
        if props.get("digits"):
            return unknown_text(f"DTMF tones {props['digits']}")
        return None

    def say_text(self, state: dict, text: str) -> str:
        node_id = self.ids[state["name"]]
        pos = self.doc.pos(state)
        if "{%" in text:
            self.draft.unknown(node_id, "dynamic-prompt", "text chosen at run time by a Liquid template", pos)
            text = liquid_choices(text)
        values = sorted(set(v for v in _LIQUID_VALUE.findall(text)))
        if values:
            self.draft.unknown(node_id, "dynamic-prompt", f"prompt includes run-time values: {', '.join(values)}", pos)
            text = _LIQUID_VALUE.sub(lambda m: unknown_text(f"value of {m.group(1)}"), text)
        return squash(text)

    # running ------------------------------------------------------------------------------
    def run(self) -> None:
        initial = self.flow.get("initial_state")
        trigger = self.states.get(initial) if isinstance(initial, str) else None
        if trigger is None:
            trigger = next((s for s in self.states.values() if s["type"] == "trigger"), None)
        if trigger is None:
            raise ImportFailure("the flow has no trigger (`initial_state`)", element="initial_state")
        if trigger["type"] == "trigger":
            start = self.events(trigger).get("incomingCall")
            if start is None:
                raise ImportFailure("the trigger's `incomingCall` event is not wired: the flow never answers a call",
                                    *(self.doc.pos(trigger) or (None,)), element=trigger["name"])
        else:
            start = trigger["name"]
        for state in self.states.values():
            language = normalise_language(self.props(state).get("language"))
            if language and self.draft.language is None:
                self.draft.language = language
        for state in self.states.values():
            if state["type"] == "trigger" or state["name"] in self.absorbed:
                continue
            handler = getattr(self, "on_" + str(state["type"]).replace("-", "_"), None)
            self.current = state
            if handler is not None:
                handler(state)
            elif state["type"] in SILENT:
                self.silent(state)
            else:
                self.opaque(state)
        self.draft.start = self.ref(start)
        if self.unwired:
            self.draft.warn("unwired events (Studio ends the call there): " + ", ".join(self.unwired))

    # widgets ------------------------------------------------------------------------------
    def on_say_play(self, state: dict) -> None:
        nxt = self.events(state).get("audioComplete")
        prompt = self.prompt(state)
        node_id = self.ids[state["name"]]
        if nxt is None:
            self.draft.add(node_id, "hangup", **self.common(state, "audioComplete is not wired: Studio ends the call "
                                                                   "after this message"), prompt=prompt)
            return
        self.draft.add(node_id, "play", **self.common(state), prompt=prompt, next=self.ref(nxt))

    def menu_split(self, state: dict) -> dict | None:
        """The split-based-on that turns this gather into a DTMF menu, if there is one."""
        target = self.events(state).get("keypress")
        split = self.states.get(target or "")
        if split is None or split["type"] != "split-based-on" or self.preds[split["name"]] != {state["name"]}:
            return None
        variable = str(self.props(split).get("input", ""))
        if f"widgets.{state['name']}.Digits" not in variable.replace(" ", ""):
            return None
        matches = [t for t in _list(split.get("transitions")) if isinstance(t, dict) and t.get("event") == "match"]
        if not matches:
            return None
        for match in matches:
            for condition in _list(match.get("conditions")):
                if not isinstance(condition, dict):
                    return None
                value = str(condition.get("value", "")).strip()
                if condition.get("type") not in ("equal_to", "matches_any_of") or not value:
                    return None
                if any(v.strip() not in _DTMF or len(v.strip()) != 1 for v in value.split(",")):
                    return None
        return split

    def speech_split(self, state: dict) -> dict | None:
        """The split-based-on the gather's `speech` event leads to, when it tests the gather's SpeechResult."""
        split = self.states.get(self.events(state).get("speech") or "")
        if split is None or split["type"] != "split-based-on" or self.preds[split["name"]] != {state["name"]}:
            return None
        variable = str(self.props(split).get("input", "")).replace(" ", "")
        return split if f"widgets.{state['name']}.SpeechResult" in variable else None

    def spoken_words(self, split: dict) -> dict[str, list[str]]:
        """next state -> the words of the split's conditions that lead there."""
        out: dict[str, list[str]] = {}
        for match in _list(split.get("transitions")):
            if not isinstance(match, dict) or match.get("event") != "match" or not isinstance(match.get("next"), str):
                continue
            for condition in _list(match.get("conditions")):
                if not isinstance(condition, dict):
                    continue
                value = str(condition.get("value", ""))
                parts = value.split(",") if condition.get("type") in ("matches_any_of", "contains_any_of") \
                    else [value]
                words = out.setdefault(match["next"], [])
                words += [w.strip() for w in parts if w.strip() and w.strip() not in words]
        return out

    def speech_enabled(self, state: dict) -> bool:
        return "speech" in self.event_names(state) and "speech" in str(self.props(state).get("input", "dtmf speech"))

    def on_gather_input_on_call(self, state: dict) -> None:
        node_id = self.ids[state["name"]]
        props = self.props(state)
        events = self.events(state)
        timeout = props.get("timeout")
        timeout = timeout if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) else None
        no_input = events.get("timeout")
        no_input_id = self.ref(no_input) if no_input else self.unwired_hangup(state, "timeout", "no answer")
        split = self.menu_split(state)
        speech = events.get("speech")
        spoken = self.speech_split(state)
        if split is not None and (speech is None or speech == split["name"] or spoken is not None):
            if self.menu(state, split, spoken, timeout, no_input_id):
                return
        # an input: where the digits (or the words) lead
        keypress = events.get("keypress")
        keypress_id = self.ref(keypress) if keypress else self.unwired_hangup(state, "keypress", "keys pressed")
        speech_id = self.ref(speech) if speech else (
            self.unwired_hangup(state, "speech", "words spoken") if self.speech_enabled(state) else None)
        next_id = keypress_id
        if speech_id is not None and speech_id != keypress_id:
            next_id = self.draft.reserve(node_id, "answer")
            self.draft.add(next_id, "branch", origin=self.doc.pos(state), synthetic=True,
                           origin_id=f"{state['type']} {state['name']}", label="keys or speech",
                           comment="Studio leads a spoken answer and keys pressed apart",
                           on=f"widgets.{state['name']}.answer", cases={"speech": speech_id}, default=keypress_id)
        count = props.get("number_of_digits")
        digits = (int(count), int(count)) if isinstance(count, int) and count > 0 else None
        variable = "Digits" if keypress or not speech else "SpeechResult"
        self.draft.add(node_id, "input", **self.common(state), prompt=self.prompt(state),
                       variable=f"widgets.{state['name']}.{variable}", digits=digits, next=next_id,
                       timeout=timeout, retries=0, on_no_input=no_input_id, on_max_retries=no_input_id)

    def menu(self, state: dict, split: dict, spoken: dict | None, timeout, no_input_id: str) -> bool:
        """Import the gather and its digit split as one menu; False when the speech routing does not fit one."""
        node_id = self.ids[state["name"]]
        options: dict[str, dict] = {}
        targets: dict[str, list[str]] = {}  # next state -> keys
        for match in _list(split.get("transitions")):
            if not isinstance(match, dict) or match.get("event") != "match" or not isinstance(match.get("next"), str):
                continue
            for condition in _list(match.get("conditions")):
                for key in str(condition.get("value")).split(","):
                    label = condition.get("friendly_name")
                    option = {"next": self.ref(match["next"], split, match)}
                    if label and str(label).strip() != key.strip() and not str(label).startswith("If value"):
                        option["label"] = str(label)
                    if key.strip() not in options:
                        options[key.strip()] = option
                        targets.setdefault(match["next"], []).append(key.strip())
        no_match = self.events(split).get("noMatch")
        comment = [f"with {split['name']} (split on its digits)"]
        if spoken is not None:
            words = self.spoken_words(spoken)
            speech_miss = self.events(spoken).get("noMatch")
            if not set(words) <= set(targets) or (speech_miss or None) != (no_match or None):
                return False  # words lead where no key does: an input and two branches say it
            for target, said in words.items():
                first = options[targets[target][0]]
                first["speech"] = said
            self.absorbed.add(spoken["name"])
            comment.append(f"and {spoken['name']} (split on its speech)")
        elif self.speech_enabled(state) and "speech" not in self.events(state):
            self.note_unwired(state, "speech")
            comment.append("speech is not wired: Studio ends the call when the caller speaks")
        self.absorbed.add(split["name"])
        no_match_id = self.ref(no_match, split) if no_match else self.unwired_hangup(split, "noMatch", "wrong key")
        self.draft.add(node_id, "menu", **self.common(state, comment),
                       prompt=self.prompt(state), options=options, timeout=timeout, retries=0,
                       on_no_input=no_input_id, on_no_match=no_match_id, on_max_retries=no_input_id)
        return True

    def wired(self, state: dict, event: str, what: str) -> str:
        """Where `event` of `state` leads: its target, or an explicit hang-up when it is not wired."""
        target = self.events(state).get(event)
        return self.ref(target) if target else self.unwired_hangup(state, event, what)

    def unwired_hangup(self, state: dict, event: str, what: str) -> str:
        """The explicit hang-up `<widget>-<event>-unwired` where Studio ends the call."""
        key = (state["name"], event)
        if key in self.hangups:
            return self.hangups[key]
        self.note_unwired(state, event)
        node_id = self.draft.reserve(self.ids[state["name"]], event, "unwired")
        self.draft.add(node_id, "hangup", origin=self.doc.pos(state), origin_id=f"{state['type']} {state['name']}",
                       comment=f"`{event}` is not wired: Studio ends the call ({what})", synthetic=True,
                       label=f"{event} not wired")
        self.hangups[key] = node_id
        return node_id

    def on_split_based_on(self, state: dict) -> None:
        node_id = self.ids[state["name"]]
        variable = _strip_braces(str(self.props(state).get("input", "")))
        cases: dict[str, str] = {}
        for transition in _list(state.get("transitions")):
            if not isinstance(transition, dict) or transition.get("event") != "match":
                continue
            for condition in _list(transition.get("conditions")):
                if not isinstance(condition, dict):
                    continue
                kind, value = condition.get("type", "equal_to"), str(condition.get("value", ""))
                key = value if kind == "equal_to" else f"{kind} {value}".strip()
                target = self.ref(transition["next"]) if isinstance(transition.get("next"), str) and \
                    transition["next"] else self.unwired_hangup(state, "match", "a matched value")
                cases.setdefault(key, target)
        no_match = self.events(state).get("noMatch")
        no_match_id = self.ref(no_match) if no_match else self.unwired_hangup(state, "noMatch", "any other value")
        source = self.source_widget(variable)
        if source is not None and self.hours_like(source, variable, cases):
            self.hours(state, variable, cases, no_match_id, source)
            return
        self.draft.add(node_id, "branch", **self.common(state), on=variable, cases=cases, default=no_match_id)
        if not re.fullmatch(r"widgets\.[\w\-]+\.(Digits|SpeechResult)", variable):
            self.draft.unknown(node_id, "condition", f"value of {variable} (known only at run time)")

    def source_widget(self, variable: str) -> dict | None:
        match = re.match(r"widgets\.([\w\-]+)\.", variable)
        return self.states.get(match.group(1)) if match else None

    def hours_like(self, source: dict, variable: str, cases: dict[str, str]) -> bool:
        if source["type"] not in ("run-function", "make-http-request"):
            return False
        described = " ".join([source["name"], str(self.props(source).get("url", "")), variable])
        values = {k.lower() for k in cases}
        return bool(_HOURS_WORDS.search(described)) and bool(values) and values <= (_TRUE | _FALSE | {"holiday"})

    def hours(self, state: dict, variable: str, cases: dict[str, str], no_match: str, source: dict) -> None:
        node_id = self.ids[state["name"]]
        opened = next((t for k, t in cases.items() if k.lower() in _TRUE), None)
        closed = next((t for k, t in cases.items() if k.lower() in _FALSE), None) or no_match
        holiday = cases.get("holiday")
        if opened is None:  # the split names the closed value only: everything else is open
            opened = no_match
        self.draft.add(node_id, "hours", **self.common(
            state, f"hours decided by {source['type']} {source['name']} ({variable})"),
            open=opened, closed=closed, holiday=holiday)
        self.draft.unknown(node_id, "condition", f"opening hours decided by {source['name']} "
                                                 f"({self.props(source).get('url', 'a function')}): the schedule is "
                                                 "not in the export")

    def on_run_function(self, state: dict) -> None:
        node_id = self.ids[state["name"]]
        names = self.event_names(state)
        success = self.wired(state, "success", "after the request")
        cases = {}
        for event in ("fail", "failed"):
            if event in names or event in self.events(state):
                cases[event] = self.wired(state, event, "the request failed")
        self.draft.add(node_id, "branch", **self.common(state), on="error", cases=cases or None, default=success)

    on_make_http_request = on_run_function

    def queue_like(self, state: dict, queue: str | None) -> None:
        node_id = self.ids[state["name"]]
        events = self.events(state)
        props = self.props(state)
        described = " ".join([state["name"], str(props.get("attributes", "")), str(props.get("queue_name", ""))])
        if re.search(r"voice ?mail", described, re.I):
            self.draft.add(node_id, "voicemail", **self.common(state, "a task for voicemail, by its name/attributes"))
            return
        if re.search(r"call ?back", described, re.I):
            self.draft.add(node_id, "callback", **self.common(state, "a callback task, by its name/attributes"))
            return
        congestion = events.get("failedToEnqueue") or events.get("callFailure")
        self.draft.add(node_id, "queue", **self.common(state), queue=queue, congestion=self.ref(congestion))
        if congestion is None:  # the wait (hold music, callback offers) is the TaskRouter workflow's or wait_url's
            self.draft.elsewhere(node_id, "congestion", f"the TaskRouter workflow or wait URL of {queue} "
                                                        "(not in the Studio export)")

    def on_send_to_flex(self, state: dict) -> None:
        props = self.props(state)
        queue = None
        try:
            attributes = json.loads(props.get("attributes") or "{}")
            if isinstance(attributes, dict) and attributes.get("type"):
                queue = f"Flex workflow ({attributes['type']})"
        except (TypeError, ValueError):
            pass
        self.queue_like(state, queue or f"Flex workflow {props.get('workflow', '')}".strip())

    def on_enqueue_call(self, state: dict) -> None:
        props = self.props(state)
        self.queue_like(state, str(props.get("queue_name") or props.get("workflow_sid") or "queue"))

    def on_connect_call_to(self, state: dict) -> None:
        node_id = self.ids[state["name"]]
        props = self.props(state)
        events = self.events(state)
        to = str(props.get("to") or props.get("sip_endpoint") or "")
        if "{{" in to:
            self.draft.unknown(node_id, "external-result", f"number dialled, known at run time: {to}",
                               self.doc.pos(state))
        after = events.get("callCompleted")
        self.draft.add(node_id, "transfer", **self.common(
            state, "after the call (answered or not) Studio goes on to callCompleted" if after else None),
            number=to or None, agent=props.get("noun", "number") != "conference",
            on_failure=self.ref(after))

    def on_record_voicemail(self, state: dict) -> None:
        node_id = self.ids[state["name"]]
        events = self.events(state)
        self.draft.add(node_id, "voicemail", **self.common(state), next=self.ref(events.get("recordingComplete")))

    def on_add_twiml_redirect(self, state: dict) -> None:
        node_id = self.ids[state["name"]]
        url = str(self.props(state).get("url", ""))
        events = self.events(state)
        if re.search(r"voice ?mail", url + state["name"], re.I):
            self.draft.add(node_id, "voicemail", **self.common(state, f"TwiML redirect to {url}"),
                           next=self.ref(events.get("return")))
            return
        back = events.get("return")
        if back is None:
            self.draft.add(node_id, "transfer", **{**self.common(state, f"the call leaves Studio for {url}"),
                                                   "label": f"TwiML at {url}"}, agent=False)
        else:
            cases = {e: self.ref(t) for e, t in events.items() if e != "return" and t != back}
            self.draft.add(node_id, "branch", **self.common(state, f"the call runs TwiML at {url}, then comes back"),
                           on=f"result of {url}", cases=cases or None, default=self.ref(back))
        self.draft.unknown(node_id, "sub-flow", f"what the TwiML at {url} does")

    def on_run_subflow(self, state: dict) -> None:
        node_id = self.ids[state["name"]]
        flow = self.props(state).get("flow_sid", "a subflow")
        done = self.wired(state, "completed", "after the subflow")
        cases = {e: self.wired(state, e, f"subflow {e}") for e in self.event_names(state)
                 if e != "completed" and e != "None" and self.events(state).get(e) != done}
        self.draft.add(node_id, "branch", **self.common(state, f"runs Studio flow {flow}, then comes back"),
                       on=f"result of subflow {flow}", cases=cases or None, default=done)
        self.draft.unknown(node_id, "sub-flow", f"what Studio flow {flow} does (not in this export)")

    def silent(self, state: dict) -> None:
        events = self.events(state)
        targets = set(events.values())
        node_id = self.ids[state["name"]]
        if not targets:  # nothing wired: the call ends after this step
            names = [e for e in self.event_names(state) if e != "None"] or ["next"]
            target = self.unwired_hangup(state, names[0], f"after {state['type']}")
            self.draft.pass_through(node_id, target, origin=self.doc.pos(state),
                                    origin_id=f"{state['type']} {state['name']}", what=state["type"])
            return
        if len(targets) == 1:
            self.draft.pass_through(node_id, self.ref(next(iter(targets))), origin=self.doc.pos(state),
                                    origin_id=f"{state['type']} {state['name']}", what=state["type"])
            return
        self.opaque(state, warn=False)

    def opaque(self, state: dict, warn: bool = True) -> None:
        node_id = self.ids[state["name"]]
        events = self.events(state)
        if warn:
            self.draft.warn(f"{state['name']}: widget type {state['type']!r} is not understood by ivr-lint; "
                            "imported as an opaque step")
            self.draft.unknown(node_id, "opaque", f"widget type {state['type']} is not understood")
        label = f"{state['type']}" + (" (not understood)" if warn else "")
        if not events:
            self.draft.add(node_id, "hangup", **self.common(state, "no event is wired: Studio ends the call here"))
            return
        values = list(events.items())
        if len({t for _, t in values}) == 1:
            self.draft.add(node_id, "play", **{**self.common(state), "label": label}, next=self.ref(values[0][1]))
            return
        default_event, default = values[0]
        cases = {e: self.ref(t) for e, t in values[1:]}
        self.draft.add(node_id, "branch", **{**self.common(state, f"default is `{default_event}`"), "label": label},
                       on=f"event of {state['name']}", cases=cases, default=self.ref(default))


def _strip_braces(text: str) -> str:
    match = re.fullmatch(r"\s*\{\{\s*(.*?)\s*\}\}\s*", text, re.S)
    return match.group(1) if match else text.strip()


def liquid_choices(text: str) -> str:
    """Liquid `{% case %}`/`{% if %}` text as fixed words plus an unknown choice between the branches."""
    out: list[str] = []
    branches: list[str] = []
    depth = 0
    position = 0
    for match in _LIQUID_TAG.finditer(text):
        chunk = squash(text[position:match.start()])
        position = match.end()
        tag = match.group(1)
        if depth == 0:
            if chunk:
                out.append(chunk)
        elif chunk:
            branches[-1] = squash(f"{branches[-1]} {chunk}")
        if tag in ("case", "if", "unless"):
            depth += 1
            if depth == 1:
                branches = [""]
        elif tag in ("when", "else", "elsif") and depth == 1:
            branches.append("")
        elif tag in ("endcase", "endif", "endunless"):
            depth -= 1
            if depth == 0:
                texts = [f'"{b}"' for b in branches if b]
                out.append(unknown_text("one of these texts, chosen at run time: " + " / ".join(texts)))
    tail = squash(text[position:])
    if tail:
        out.append(tail)
    return " ".join(out)


def _list(value) -> list:
    return value if isinstance(value, list) else []
