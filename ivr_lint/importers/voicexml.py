"""VoiceXML 2.x (and the 1.0 documents still in use), including documents wrapped in JSP/JSPX.

A static reading of the form interpretation algorithm: each form's items run in order;
a `<field>` with DTMF options (`<option dtmf>`, a DTMF grammar of single keys, a
boolean) is a `menu`, any other field an `input`; `<filled>`, `<block>` and event
handlers are executable content turned into `play`, `branch` (`<if>`), `hangup`
(`<exit>`, `<disconnect>`) and jumps (`<goto>`, `<submit>`). When a form runs out of
items the interpreter exits (`<form>-end`, a hang-up).

No-input / no-match handlers map to `on_no_input` / `on_no_match`; handlers with a
`count` give the retries (the highest count) and `on_max_retries`. Handlers that only
speak and fall back to the field re-prompt without limit (`retries: -1`), which is
what VoiceXML does. The form interpretation algorithm replays a field's prompts after
a handler only when the handler runs `<reprompt/>` (the default noinput and nomatch
handlers do): after any other handler the field waits again in silence, imported as
`<field>-wait`, the same menu or input without its prompt. Tapered prompts (`<prompt
count>`) unroll the field the same way: each visit, replayed or not, raises its prompt
counter, and each copy says the prompts with the highest count not above it. A copy
whose highest-count handler leads back to it repeats without end (`retries: -1`).

A `<record>` is a `voicemail`; its silence (`noinput`: no audio before its `timeout`) is
the voicemail's `on_no_input`, through the handlers in scope and their counts as for a
field (the default reprompts: the record again).

A `<filled>` that tests the field's own value is compiled once per value of a menu
field's keys, its conditions decided by that value; on an input, a comparison of the
variable is a branch on it, so the caller's digits route the call.

A goto or submit to another document becomes a `goto` when that file exists beside the
source, otherwise an explicit exit from this flow (a `transfer` with `agent: false`
named after the target), listed as an unknown. Server-side tags (JSP, Struts, JSTL)
are read through: their conditions become branches on an unknown server value.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ivr_lint.importers.draft import Draft, speech_menu
from ivr_lint.importers.result import ImportFailure, unknown_text
from ivr_lint.importers.textutil import SEAM, kebab, normalise_language, squash, tidy
from ivr_lint.text.quoting import quote, shorten

FORMAT = "voicexml"
VXML_NS = "http://www.w3.org/2001/vxml"
SRGS_NS = "http://www.w3.org/2001/06/grammar"  # inline grammars: part of the document, not a server tag
SSML_NS = "http://www.w3.org/2001/10/synthesis"
FORM_ITEMS = {"block", "field", "record", "transfer", "subdialog", "object", "initial"}
HANDLERS = {"noinput", "nomatch", "help", "error", "catch"}
_MAX_COUNT_STATES = 16  # beyond, `count` handlers are read as retries (the lowest first, the highest last)
_SILENT = {"assign", "var", "script", "log", "data", "property", "cancel", "meta", "metadata", "link",
           "grammar", "dtmf", "option", "param", "filled", "catch", "noinput", "nomatch", "help", "error"}
_SIMPLE_COND = re.compile(r"""^\s*(!?)\s*([A-Za-z_][\w$.]*)\s*(?:(==|!=)\s*(['"]?)([^'"|&]*?)\4)?\s*$""")


@dataclass(eq=False)
class El:
    tag: str
    ns: str
    attrs: dict[str, str]
    line: int
    column: int
    children: list = field(default_factory=list)

    @property
    def server(self) -> bool:
        """An element of a server-side tag library (JSP, Struts, JSTL), not VoiceXML."""
        return bool(self.ns) and self.ns not in (VXML_NS, SRGS_NS, SSML_NS)

    def kids(self) -> list["El"]:
        return [c for c in self.children if isinstance(c, El)]

    def find(self, tag: str) -> list["El"]:
        return [c for c in self.kids() if c.tag == tag and not c.server]

    @property
    def pos(self) -> tuple[int, int]:
        return (self.line, self.column)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


def parse(data: bytes, externals: list[tuple[str, str, int]] | None = None) -> El:
    """XML with a line and column on every element; JSP scriptlets are blanked out first.

    External entities are never read (a file or URL named by the export is not ours to
    open); each reference is appended to `externals` as (name, system id, line), so the
    import report can say which words are missing."""
    data = re.sub(rb"<%.*?%>", lambda m: re.sub(rb"[^\n]", b" ", m.group()), data, flags=re.S)
    root = El("#document", "", {}, 1, 1)
    stack = [root]
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def start(name, attrs):
        ns, _, local = name.rpartition(" ")
        element = El(local, ns, {k.rpartition(" ")[2]: v for k, v in attrs.items()},
                     parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        stack[-1].children.append(element)
        stack.append(element)

    def end(name):
        stack.pop()

    def chars(text):
        stack[-1].children.append(text)

    def external(context, base, system_id, public_id):
        if externals is not None:
            name = (context or "").rpartition("\f")[2]
            externals.append((name, system_id or public_id or "", parser.CurrentLineNumber))
        return 1  # go on without its content

    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise ImportFailure(f"not well-formed XML: {expat.ErrorString(error.code)}", error.lineno,
                            error.offset + 1) from None
    return root


def convert(data: bytes, name: str) -> Draft:
    externals: list[tuple[str, str, int]] = []
    document = parse(data, externals)
    vxml = next((c for c in document.kids() if c.tag == "vxml"), None)
    if vxml is None:
        raise ImportFailure("not a VoiceXML document: the root element is not <vxml>", 1, 1)
    draft = Draft(FORMAT, name)
    for entity, system_id, line in externals:
        draft.warn(f"line {line}: the external entity &{shorten(entity, 60)}; ({quote(system_id)}) is not read, for safety: "
                   "its text is missing from the imported flow")
    draft.variant = f"version {vxml.attrs.get('version', '?')}"
    Converter(draft, vxml, name).run()
    return draft


@dataclass
class Ctx:
    """Where executable content runs: its form, its item, the handlers around it."""

    form: El | None = None
    form_id: str = ""
    item: El | None = None
    item_id: str | None = None
    scope: str = ""
    choices: list = field(default_factory=list)  # (text, key) for <enumerate>
    #: field variable -> the value the caller gave, while a menu field's <filled> is compiled for one key
    known: dict = field(default_factory=dict)


class Converter:
    def __init__(self, draft: Draft, vxml: El, source: str):
        self.draft = draft
        self.quiet: dict[str, str] = {}  # field node -> the same field without its prompts
        self.copies: dict[str, dict] = {}  # field node -> its copies per event-counter state
        self.vxml = vxml
        self.source = source
        self.dialogs: list[El] = []
        self.collect_dialogs(vxml)
        self.dialog_ids: dict[str, str] = {}
        self.ids: dict[int, str] = {}
        self.externals: dict[str, str] = {}
        self.field_names = {f.attrs.get("name") for d in self.dialogs for f in self.walk(d)
                            if f.tag in FORM_ITEMS and f.attrs.get("name")}

    def walk(self, element: El):
        for child in element.kids():
            yield child
            yield from self.walk(child)

    def collect_dialogs(self, element: El) -> None:
        for child in element.kids():
            if child.tag in ("menu", "form") and not child.server:
                self.dialogs.append(child)
            elif child.server:
                self.collect_dialogs(child)

    # entry -------------------------------------------------------------------------------
    def run(self) -> None:
        language = normalise_language(self.vxml.attrs.get("lang"))
        if language:
            self.draft.language = language
        if self.vxml.attrs.get("application"):
            self.draft.header.append(f"application root {self.vxml.attrs['application']!r}: its handlers and "
                                     "links are not in this file")
        if not self.dialogs:
            raise ImportFailure("the document has no <menu> or <form>", *self.vxml.pos, element="vxml")
        for index, dialog in enumerate(self.dialogs):
            wanted = dialog.attrs.get("id") or dialog.tag
            node_id = self.draft.reserve(wanted, fallback=dialog.tag)
            self.ids[id(dialog)] = node_id
            if dialog.attrs.get("id"):
                self.dialog_ids[dialog.attrs["id"]] = node_id
        for dialog in self.dialogs:
            if dialog.tag == "menu":
                self.menu(dialog, self.ids[id(dialog)], Ctx(scope=self.ids[id(dialog)]))
            else:
                self.form(dialog)
        self.draft.start = self.ids[id(self.dialogs[0])]

    # dialogs -------------------------------------------------------------------------------
    def form(self, form: El) -> None:
        form_id = self.ids[id(form)]
        items = self.form_items(form)
        end = self.draft.reserve(form_id, "end")
        self.draft.add(end, "hangup", origin=form.pos, origin_id=f"<form id={form.attrs.get('id', '')}> (end)",
                       comment="no form item is left: the VoiceXML interpreter exits", synthetic=True,
                       label="end of form")
        item_ids: dict[int, str] = {}
        for item in self.flat_items(items):
            if item.tag != "block":
                item_ids[id(item)] = self.draft.reserve(form_id, item.attrs.get("name") or item.tag)
        ctx = Ctx(form=form, form_id=form_id, scope=form_id)
        ctx.item_ids = item_ids  # type: ignore[attr-defined]
        entry = self.items(items, end, ctx)
        self.draft.pass_through(form_id, entry, origin=form.pos, origin_id=f"<form id={form.attrs.get('id', '')}>",
                                quiet=True)

    def form_items(self, container: El) -> list:
        """Form items in order; server-side conditionals become ("server-if", element, [(cond, items)], else)."""
        out: list = []
        kids = container.kids()
        index = 0
        while index < len(kids):
            child = kids[index]
            if child.server and child.tag in ("if", "when", "choose"):
                branches, otherwise = [], None
                if child.tag == "choose":
                    for part in child.kids():
                        if part.tag == "when":
                            branches.append((part.attrs.get("test", "?"), self.form_items(part)))
                        elif part.tag == "otherwise":
                            otherwise = self.form_items(part)
                else:
                    branches.append((child.attrs.get("test", "?"), self.form_items(child)))
                    while (index + 1 < len(kids) and kids[index + 1].server
                           and kids[index + 1].tag in ("elseif", "else")):
                        index += 1
                        if kids[index].tag == "elseif":
                            branches.append((kids[index].attrs.get("test", "?"), self.form_items(kids[index])))
                        else:
                            otherwise = self.form_items(kids[index])
                out.append(("server-if", child, branches, otherwise or []))
            elif child.server:
                out.extend(self.form_items(child))
            elif child.tag in FORM_ITEMS or child.tag == "menu":
                out.append(child)
            index += 1
        return out

    def flat_items(self, items: list):
        for item in items:
            if isinstance(item, tuple):
                for _, sub in item[2]:
                    yield from self.flat_items(sub)
                yield from self.flat_items(item[3])
            else:
                yield item

    def items(self, items: list, cont: str, ctx: Ctx) -> str:
        entry = cont
        for item in reversed(items):
            if isinstance(item, tuple):
                _, element, branches, otherwise = item
                node_id = self.draft.reserve(ctx.form_id, "server-if")
                cases = {}
                for test, sub in branches:
                    cases.setdefault(test, self.items(sub, entry, ctx))
                self.draft.add(node_id, "branch", origin=element.pos, origin_id=f"<{element.tag}> (server side)",
                               comment="a condition evaluated on the server that built this page",
                               on="server: " + " / ".join(t for t, _ in branches), cases=None,
                               default=self.items(otherwise, entry, ctx))
                self.draft.nodes[node_id].fields["cases"] = {"true" if len(cases) == 1 else k: v
                                                             for k, v in cases.items()}
                self.draft.unknown(node_id, "condition", f"server-side condition {', '.join(cases)}")
                entry = node_id
                continue
            entry = self.item(item, entry, ctx)
        return entry

    def item(self, item: El, nxt: str, ctx: Ctx) -> str:
        item_ctx = Ctx(form=ctx.form, form_id=ctx.form_id, item=item,
                       item_id=getattr(ctx, "item_ids", {}).get(id(item)), scope=ctx.scope)
        item_ctx.item_ids = getattr(ctx, "item_ids", {})  # type: ignore[attr-defined]
        if item.tag == "block":
            item_ctx.scope = f"{ctx.form_id} {item.attrs.get('name') or 'block'}"
            entry = self.seq(item.children, nxt, item_ctx)
        elif item.tag == "menu":
            node_id = self.ids.get(id(item)) or self.draft.reserve(item.attrs.get("id") or "menu")
            self.ids[id(item)] = node_id
            if item.attrs.get("id"):
                self.dialog_ids.setdefault(item.attrs["id"], node_id)
            item_ctx.scope = node_id
            entry = self.menu(item, node_id, item_ctx)
        elif item.tag in ("field", "initial"):
            entry = self.field(item, item_ctx.item_id, nxt, item_ctx)
        elif item.tag == "record":
            entry = self.record(item, item_ctx.item_id, nxt, item_ctx)
        elif item.tag == "transfer":
            entry = self.transfer(item, item_ctx.item_id, nxt, item_ctx)
        else:
            node_id = item_ctx.item_id
            self.draft.add(node_id, "play", origin=item.pos,
                           origin_id=f"<{item.tag} name={item.attrs.get('name', '')}>",
                           comment=f"<{item.tag}> runs something this file does not describe",
                           label=f"{item.tag} {item.attrs.get('src', '')}".strip(), next=nxt)
            self.draft.unknown(node_id, "sub-flow", f"what <{item.tag}> {item.attrs.get('src', '')} does")
            entry = node_id
        cond = item.attrs.get("cond")
        if cond and item.tag != "menu":
            guard = self.draft.reserve(item_ctx.item_id or ctx.form_id, "cond")
            self.draft.add(guard, "branch", origin=item.pos, origin_id=f"<{item.tag}> cond",
                           comment="the item runs only when its condition holds", on=cond,
                           cases={"true": entry}, default=nxt)
            self.condition_unknown(guard, cond)
            return guard
        return entry

    # menus and fields --------------------------------------------------------------------
    def menu(self, menu: El, node_id: str, ctx: Ctx) -> str:
        auto = menu.attrs.get("dtmf") == "true"
        dtmf_only = any(p.attrs.get("name") == "inputmodes" and p.attrs.get("value") == "dtmf"
                        for p in menu.find("property"))
        choices = []
        generated = False
        for choice in self.choice_elements(menu):
            if choice is None:
                generated = True
                continue
            text = squash(self.say(choice, ctx)) or choice.attrs.get("next", "")
            key = choice.attrs.get("dtmf")
            if key is None and auto and len([c for c in choices if c[1] and c[3]]) < 9:
                key = str(len([c for c in choices if c[3]]) + 1)
                auto_key = True
            else:
                auto_key = key is not None
            choices.append((choice, key, text, auto_key))
        if generated:
            self.draft.warn(f"menu {node_id}: some choices are generated on the server; one stands for them all")
        ctx.choices = [(text, key) for _, key, text, _ in choices]
        prompt = self.prompts(menu, ctx)
        options, spoken = {}, []
        for choice, key, text, _ in choices:
            target = self.jump(choice.attrs.get("next"), choice.attrs.get("expr"), choice, ctx)
            if choice.attrs.get("event"):
                target = self.event_target(choice.attrs["event"], ctx, node_id)
            if target is None:
                self.draft.warn(f"line {choice.line}: <choice> {text!r} names no target; it replays the menu")
                target = node_id
            if key:
                option = {"next": target, "label": text}
                if not dtmf_only and text:
                    option["speech"] = [text]
                options.setdefault(key, option)
            else:
                spoken.append(([text] if text else [], target, text))
        base = {"origin": menu.pos, "origin_id": f"<menu id={menu.attrs.get('id', '')}>"}
        handlers = self.error_handling(menu, node_id, ctx)
        if not options and spoken:
            speech_menu(self.draft, node_id, base, label=None, prompt=prompt, choices=spoken,
                        timeout=_seconds(menu), **handlers)
            self.add_quiet(node_id)
            return node_id
        if spoken:
            self.draft.warn(f"menu {node_id}: choices without a DTMF key (speech only) are left out: "
                            + ", ".join(repr(s[2]) for s in spoken))
        if not options:
            raise ImportFailure("a <menu> without any <choice>", *menu.pos, element=base["origin_id"])
        self.draft.add(node_id, "menu", **base, prompt=prompt, options=options, timeout=_seconds(menu), **handlers)
        self.add_quiet(node_id)
        return node_id

    def choice_elements(self, menu: El):
        for child in menu.kids():
            if child.tag == "choice" and not child.server:
                yield child
            elif child.server and child.tag in ("iterator", "forEach", "foreach"):
                inner = [c for c in child.kids() if c.tag == "choice"]
                if inner:
                    yield None
                    yield inner[0]
            elif child.server:
                yield from self.choice_elements(child)

    def field(self, item: El, node_id: str, nxt: str, ctx: Ctx) -> str:
        name = item.attrs.get("name", node_id)
        ctx.scope = node_id
        keys = self.field_keys(item)
        ctx.choices = [(label, key) for key, (value, label) in keys.items()] if keys else []
        prompt = self.prompts(item, ctx)
        filled = item.find("filled")
        base = {"origin": item.pos, "origin_id": f"<{item.tag} name={name}>"}
        handlers = self.error_handling(item, node_id, ctx)
        if keys:
            routes = self.filled_routes(filled, name, {k: v for k, (v, _) in keys.items()}, nxt, ctx)
            options = {}
            for key, (value, label) in keys.items():
                option = {"next": routes[key]}
                if label:
                    option["label"] = label
                    option["speech"] = [label]
                options[key] = option
            self.draft.add(node_id, "menu", **base, prompt=prompt, options=options, timeout=_seconds(item), **handlers)
            self.add_quiet(node_id)
            return node_id
        after = self.seq(filled[0].children, nxt, ctx) if filled else nxt
        kind, digits = self.field_input(item)
        handlers = dict(handlers)
        handlers["on_invalid"] = handlers.pop("on_no_match", None)
        self.draft.add(node_id, "input", **base, comment=kind, prompt=prompt, variable=name, digits=digits,
                       next=after, timeout=_seconds(item), **handlers)
        self.add_quiet(node_id)
        return node_id

    def field_keys(self, item: El) -> dict[str, tuple[str, str]]:
        """DTMF key -> (value, label) when the field is a choice by single keys; else {}."""
        options = item.find("option")
        if options:
            keys = {}
            for option in options:
                key = option.attrs.get("dtmf")
                if key is None:
                    return {}
                label = squash(option.text())
                keys[key] = (option.attrs.get("value", label), label)
            return keys
        if item.attrs.get("type", "").split("?")[0] == "boolean":
            return {"1": ("true", "yes"), "2": ("false", "no")}
        for grammar in item.find("dtmf") + [g for g in item.find("grammar") if g.attrs.get("mode") == "dtmf"]:
            keys = dtmf_grammar_keys(grammar)
            if keys:
                return keys
        return {}

    def field_input(self, item: El) -> tuple[str, tuple[int, int] | None]:
        kind = item.attrs.get("type", "")
        base, _, params = kind.partition("?")
        digits = None
        if base == "digits":
            values = dict(p.split("=", 1) for p in params.split(";") if "=" in p)
            low = int(values.get("minlength", values.get("length", 1)) or 1)
            high = int(values.get("maxlength", values.get("length", low)) or low)
            digits = (low, max(low, high))
            return "digits", digits
        for grammar in item.find("dtmf") + [g for g in item.find("grammar") if g.attrs.get("mode") == "dtmf"]:
            sequence = re.sub(r"\{[^}]*\}", "", grammar.text()).split()
            if sequence and all(len(t) == 1 and t in "0123456789*#" for t in sequence) and "|" not in grammar.text():
                return f"DTMF sequence {' '.join(sequence)}", (len(sequence), len(sequence))
        if base:
            return f"{base} (builtin grammar)", None
        if item.find("grammar"):
            return "speech (grammar)", None
        return "speech", None

    def filled_routes(self, filled: list[El], name: str, values: dict[str, str], nxt: str, ctx: Ctx) -> dict[str, str]:
        """Where each key leads: straight to the branch of a `<filled><if>` on the field, or to the <filled>."""
        if not filled:
            return {key: nxt for key in values}
        statements = [c for c in filled[0].children if not (isinstance(c, str) and not c.strip())
                      and not (isinstance(c, El) and c.tag in ("assign", "log"))]
        if len(statements) == 1 and isinstance(statements[0], El) and statements[0].tag == "if":
            chain = if_chain(statements[0])
            matchers = []
            for cond, body in chain:
                if cond is None:
                    matchers.append((None, body))
                    continue
                match = _SIMPLE_COND.match(cond)
                if not match or match.group(2) != name or match.group(3) == "!=":
                    matchers = None
                    break
                negated, value = match.group(1), match.group(5)
                wanted = value if value is not None else ("false" if negated else "true")
                matchers.append((wanted, body))
            if matchers is not None:
                routes, compiled = {}, {}
                for key, value in values.items():
                    body = next((b for w, b in matchers if w is None or w == value), None)
                    if body is None:
                        routes[key] = nxt
                        continue
                    if id(body) not in compiled:
                        compiled[id(body)] = self.seq(body, nxt, ctx)
                    routes[key] = compiled[id(body)]
                return routes
        tested = any(name in re.findall(r"[A-Za-z_][\w$.]*", e.attrs.get("cond", ""))
                     for e in _descendants(filled[0]) if e.tag in ("if", "elseif") and not e.server)
        if not tested:
            entry = self.seq(filled[0].children, nxt, ctx)
            return {key: entry for key in values}
        # conditions on the field's own variable elsewhere in the <filled> (after a prompt, nested,
        # `!=`): the <filled> once per value the keys give, each condition decided by that value
        entries: dict[str, str | None] = {}
        before = set(self.draft.nodes)
        for value in values.values():
            if value not in entries:
                ctx.known = {name: value}
                entries[value] = self.seq(filled[0].children, nxt, ctx)
                ctx.known = {}
        for node_id in set(self.draft.nodes) - before:  # words a key's jump skips are no step of the call
            self.draft.nodes[node_id].synthetic = True
        return {key: entries[value] for key, value in values.items()}

    def record(self, item: El, node_id: str, nxt: str, ctx: Ctx) -> str:
        """A `voicemail`; silence (no audio before the record's timeout) throws `noinput`, caught by
        the handlers in scope, with `count` as for a field; the default handler reprompts. Each
        state of the no-input counter (`<record>-n1`...) and each wait after a handler without
        <reprompt/> (`-wait`) is a copy of the record; the highest count repeats without end."""
        ctx.scope = node_id
        limit = item.attrs.get("maxtime", "")
        base = {"origin": item.pos, "origin_id": f"<record name={item.attrs.get('name', '')}>"}
        after = self.seq(item.find("filled")[0].children, nxt, ctx) if item.find("filled") else nxt
        prompt = self.prompts(item, ctx)
        timeout = _seconds(item) if item.attrs.get("timeout") is None else _duration(item.attrs["timeout"])
        handlers = self.handler_list(item, "noinput", ctx)
        top = max((count for count, _ in handlers), default=1)
        handler_ctx = Ctx(form=ctx.form, form_id=ctx.form_id, item=item, item_id=node_id)
        handler_ctx.item_ids = getattr(ctx, "item_ids", {})  # type: ignore[attr-defined]
        ids: dict[tuple[int, bool], str] = {(0, True): node_id}
        pending = [(0, True)]
        compiled: dict[tuple, str | None] = {}

        def state_id(state: tuple[int, bool]) -> str:
            if state not in ids:
                ids[state] = self.draft.reserve(node_id, f"n{state[0]}" if state[0] else None,
                                                None if state[1] else "wait")
                pending.append(state)
            return ids[state]

        while pending:
            state = pending.pop(0)
            number = state[0] + 1  # this silence is the number-th
            chosen = [h for count, h in handlers if count <= number]
            then = min(number, top - 1)
            if not chosen:  # the default handler: reprompt
                silence = state_id((then, True))
            else:
                handler = chosen[-1]
                reprompt = handler_leaves(handler) or any(e.tag == "reprompt" for e in _descendants(handler))
                cont = state_id((then, reprompt))
                if (id(handler), cont) not in compiled:
                    handler_ctx.scope = f"{node_id} noinput" + (f" {number}" if number > 1 else "")
                    handler_ctx.reprompt_to = cont  # type: ignore[attr-defined]
                    compiled[(id(handler), cont)] = self.seq(handler.children, cont, handler_ctx)
                    handler_ctx.reprompt_to = None  # type: ignore[attr-defined]
                silence = compiled[(id(handler), cont)]
            own = ids[state]
            label, comment = None, f"records the caller{f' (up to {limit})' if limit else ''}"
            if own != node_id:
                counted = f"after {state[0]} no-input event(s): the handler their count selects" if state[0] else ""
                quiet = "" if state[1] else "its prompts are not replayed (no <reprompt/>)"
                comment = "; ".join(c for c in (counted, quiet) if c)
                label = f"{node_id} ({f'{state[0]} no-input' if state[0] else 'no prompt replayed'})"
            self.draft.add(own, "voicemail", **base, comment=comment, synthetic=own != node_id, label=label,
                           prompt=prompt if state[1] else None, next=after, on_no_input=silence, timeout=timeout)
        return node_id

    def transfer(self, item: El, node_id: str | None, nxt: str, ctx: Ctx) -> str:
        node_id = node_id or self.draft.reserve(ctx.scope, item.attrs.get("name") or "transfer")
        ctx = Ctx(form=ctx.form, form_id=ctx.form_id, item=item, item_id=node_id, scope=node_id)
        dest = item.attrs.get("dest")
        number = re.sub(r"^(tel:|phone://|sip:)", "", dest) if dest else None
        if dest is None and item.attrs.get("destexpr"):
            self.draft.unknown(node_id, "external-result", f"number computed at run time: {item.attrs['destexpr']}",
                               item.pos)
        bridged = item.attrs.get("bridge", "false" if item.attrs.get("type") == "blind" else "true") == "true"
        filled = item.find("filled")
        failure = None
        if bridged:
            failure = self.seq(filled[0].children, nxt, ctx) if filled else nxt
        self.draft.add(node_id, "transfer", origin=item.pos, origin_id=f"<transfer name={item.attrs.get('name', '')}>",
                       comment="bridged: after the call the dialog goes on" if bridged else "blind transfer",
                       prompt=self.prompts(item, ctx), number=number, on_failure=failure)
        return node_id

    # events --------------------------------------------------------------------------------
    def handler_list(self, item: El, event: str, ctx: Ctx) -> list[tuple[int, El]]:
        """(count, handler) for `event`, innermost scope first for each count."""
        found: dict[int, El] = {}
        for scope in (item, ctx.form, self.vxml):
            if scope is None:
                continue
            for child in scope.kids():
                if child.server:
                    continue
                events = child.attrs.get("event", "").split() if child.tag == "catch" else [child.tag]
                if event in events:
                    count = int(child.attrs.get("count", "1") or 1)
                    found.setdefault(count, child)
        return sorted(found.items())

    def error_handling(self, item: El, node_id: str, ctx: Ctx) -> dict:
        handled = {}
        lists = {event: self.handler_list(item, event, ctx) for event in ("noinput", "nomatch")}
        handler_ctx = Ctx(form=ctx.form, form_id=ctx.form_id, item=item, item_id=node_id, choices=ctx.choices)
        handler_ctx.item_ids = getattr(ctx, "item_ids", {})  # type: ignore[attr-defined]
        leaves = False
        top = max((count for hs in lists.values() for count, _ in hs), default=1)
        tops = {event: max((c for c, _ in lists[event]), default=1) for event in lists}
        tapered = max(prompt_counts(item), default=1)
        if top == 1 and all(hs and handler_leaves(hs[0][1]) for hs in lists.values()):
            tapered = 1  # every event leaves the field: it is never visited again, its later prompts never said
        if tapered > 1 and tops["noinput"] * tops["nomatch"] * tapered > _MAX_COUNT_STATES:
            self.draft.warn(f"{node_id}: too many tapered prompts and counted handlers to unroll; "
                            "only its count=\"1\" prompts are kept")
            tapered = 1
        if (top > 1 or tapered > 1) and tops["noinput"] * tops["nomatch"] <= _MAX_COUNT_STATES:
            handled = self.counted_handling(item, node_id, lists, tops, handler_ctx, tapered)
            if top == 1:  # only the prompts taper: each visit gives up (or not) as the untapered field would
                leaves = any(hs and handler_leaves(hs[0][1]) for hs in lists.values())
                for fields in [handled] + [plan["fields"] for plan in self.copies[node_id].values()]:
                    fields["retries"] = 0 if leaves else -1
                    if leaves:
                        fields["on_max_retries"] = fields.get("on_no_input") or fields.get("on_no_match")
            return handled

        def back(handler: El) -> str:
            """Where the call goes when the handler ends: the field, its prompts replayed only on <reprompt/>."""
            if handler_leaves(handler) or any(e.tag == "reprompt" for e in _descendants(handler)):
                return node_id
            if node_id not in self.quiet:
                self.quiet[node_id] = self.draft.reserve(node_id, "wait")
            return self.quiet[node_id]

        for event, field_name in (("noinput", "on_no_input"), ("nomatch", "on_no_match")):
            handlers = lists[event]
            if handlers:
                handler_ctx.scope = f"{node_id} {event}"
                handled[field_name] = self.seq(handlers[0][1].children, back(handlers[0][1]), handler_ctx)
                leaves = leaves or handler_leaves(handlers[0][1])
        if top > 1:
            event = "noinput" if any(c == top for c, _ in lists["noinput"]) else "nomatch"
            last = next(h for c, h in lists[event] if c == top)
            handler_ctx.scope = f"{node_id} {event} {top}"
            handled["retries"] = top - 1
            handled["on_max_retries"] = self.seq(last.children, back(last), handler_ctx)
        elif leaves:
            handled["retries"] = 0
            handled["on_max_retries"] = handled.get("on_no_input") or handled.get("on_no_match")
        else:
            handled["retries"] = -1
        return handled

    def counted_handling(self, item: El, node_id: str, lists: dict, tops: dict, handler_ctx: Ctx,
                         tapered: int = 1) -> dict:
        """Handlers chosen by `count`: the field is unrolled into one node per state of its event
        counters (n no-inputs and m no-matches so far, up to the highest count), each with the
        handler the n+1-th event selects (the highest `count` not above it; none: the default,
        which reprompts), leading to the next state with or without its prompts replayed.
        With tapered prompts the state also holds the prompt counter (FIA §4.1.6: one more at
        each visit, replayed or not, up to the highest prompt `count`); each state says the
        prompts its counter selects."""
        ids: dict[tuple, str] = {(0, 0, True, 1): node_id}
        plans: dict[str, dict] = {}
        pending = [(0, 0, True, 1)]
        compiled: dict[tuple, str | None] = {}

        def state_id(state: tuple) -> str:
            if state not in ids:
                noinputs, nomatches, prompted, counter = state
                ids[state] = self.draft.reserve(node_id, f"n{noinputs}m{nomatches}"
                                                + (f"p{counter}" if tapered > 1 else ""),
                                                None if prompted else "wait")
                pending.append(state)
            return ids[state]

        while pending:
            state = pending.pop(0)
            own = ids[state]
            fields: dict = {}
            replays = False
            for index, (event, field_name) in enumerate((("noinput", "on_no_input"), ("nomatch", "on_no_match"))):
                number = state[index] + 1
                chosen = [h for c, h in lists[event] if c <= number]
                after = list(state[:2])
                after[index] = min(number, tops[event] - 1)
                counter = min(state[3] + 1, tapered)
                if not chosen:  # the default handler: reprompt
                    target = state_id((after[0], after[1], True, counter))
                    if target == own:
                        replays = True
                    else:
                        fields[field_name] = target
                    continue
                handler = chosen[-1]
                reprompt = handler_leaves(handler) or any(e.tag == "reprompt" for e in _descendants(handler))
                cont = state_id((after[0], after[1], reprompt, counter))
                if (id(handler), cont) not in compiled:  # one copy of the handler's words per place it leads
                    handler_ctx.scope = f"{node_id} {event}" + (f" {number}" if number > 1 else "")
                    handler_ctx.reprompt_to = cont  # type: ignore[attr-defined]  # the field in its next state
                    compiled[(id(handler), cont)] = self.seq(handler.children, cont, handler_ctx)
                    handler_ctx.reprompt_to = None  # type: ignore[attr-defined]
                target = compiled[(id(handler), cont)]
                # the handler leads back to this very state (through its words or not): the
                # highest count repeats for every later event (FIA §5.2.2), VoiceXML never gives up
                replays = replays or target == own or (cont == own and not handler_leaves(handler))
                fields[field_name] = target
            if replays:
                fields["retries"] = -1  # the same state again: VoiceXML never gives up there
            plans[own] = {"fields": fields, "prompted": state[2], "state": state,
                          "prompt": self.prompts(item, handler_ctx, state[3]) if tapered > 1 else None,
                          "tapered": tapered > 1, "last": state[3] == tapered,
                          "counted": tapered == 1 or tops["noinput"] * tops["nomatch"] > 1}
        main = plans.pop(node_id)
        self.copies[node_id] = plans
        return main["fields"]

    def add_quiet(self, node_id: str) -> None:
        """The field again without its prompts, where handlers without <reprompt/> lead; and the
        field in each state of its event counters (see `counted_handling`)."""
        node = self.draft.nodes.get(node_id)
        for copy_id, plan in self.copies.pop(node_id, {}).items():
            if node is None:
                break
            keep = {k: v for k, v in node.fields.items() if k not in (
                "label", "on_no_input", "on_no_match", "on_invalid", "retries", "on_max_retries")}
            noinputs, nomatches, _, counter = plan["state"]
            if not plan["prompted"]:
                keep.pop("prompt", None)
            elif counter > 1:  # tapered prompts: those this visit's prompt counter selects
                keep.pop("prompt", None)
                if plan["prompt"]:
                    keep["prompt"] = plan["prompt"]
            errors = dict(plan["fields"])
            if node.type == "input" and "on_no_match" in errors:
                errors["on_invalid"] = errors.pop("on_no_match")
            visit = f"visit {counter}{'+' if plan['last'] else ''}" if plan["tapered"] else ""
            said = ("its prompts are not replayed (no <reprompt/>)" if not plan["prompted"] else
                    f"prompt counter {counter}: the tapered prompts it selects" if plan["tapered"] else "")
            if plan["counted"]:
                comment = f"after {noinputs} no-input and {nomatches} no-match event(s): the handlers their count " \
                          "selects" + (f"; {said}" if said else "")
                label = f"{node_id} ({visit + ', ' if visit else ''}{noinputs} no-input, {nomatches} no-match)"
            else:
                comment, label = f"{visit} of the field; {said}", f"{node_id} ({visit})"
            self.draft.add(copy_id, node.type, origin=node.origin, origin_id=node.origin_id, synthetic=True,
                           comment=comment, label=label, **keep, **errors)
        quiet = self.quiet.get(node_id)
        node = self.draft.nodes.get(node_id)
        if quiet is None or node is None or quiet in self.draft.nodes:
            return
        fields = {k: v for k, v in node.fields.items() if k not in ("prompt", "label")}
        self.draft.add(quiet, node.type, origin=node.origin, origin_id=node.origin_id, synthetic=True,
                       comment="the same field after a handler without <reprompt/>: VoiceXML does not replay "
                               "its prompts", label=f"{node_id} (no prompt replayed)", **fields)

    def event_target(self, event: str, ctx: Ctx, fallback: str | None) -> str | None:
        if event in ("noinput", "nomatch") and ctx.item is not None:
            handlers = self.handler_list(ctx.item, event, ctx)
            if handlers:
                return self.seq(handlers[0][1].children, ctx.item_id, ctx)
            return ctx.item_id
        if event in ("exit", "connection.disconnect.hangup", "telephone.disconnect.hangup"):
            return self.hangup(ctx, f"event {event}")
        return fallback or ctx.item_id

    # executable content ------------------------------------------------------------------------
    def seq(self, children: list, cont: str | None, ctx: Ctx) -> str | None:
        """Compile executable content backwards; return the id where it starts."""
        entry = cont
        pending: list[str] = []
        fresh_hangup: str | None = None

        def flush():
            nonlocal entry, pending, fresh_hangup
            text = tidy(SEAM.join(t for t, _ in pending))
            where = next((p for _, p in pending if p), None) or self.origin_of(children) or \
                (ctx.item.pos if ctx.item is not None else None)
            pending = []
            if not text:
                return
            if fresh_hangup is not None and fresh_hangup == entry and "prompt" not in self.draft.nodes[entry].fields:
                self.draft.nodes[entry].fields["prompt"] = text
                return
            node_id = self.draft.reserve(ctx.scope, "prompt")
            self.draft.add(node_id, "play", origin=where, origin_id=f"prompt in {ctx.scope}", prompt=text, next=entry)
            entry = node_id

        statements = self.statements(children, ctx)
        for statement in reversed(statements):
            if isinstance(statement, tuple):
                pending.insert(0, statement)
                continue
            flush()
            fresh_hangup = None
            result = self.statement(statement, entry, ctx)
            if statement.tag in ("exit", "disconnect", "return"):
                fresh_hangup = result
            entry = result
        flush()
        return entry

    def origin_of(self, children: list) -> tuple[int, int] | None:
        for child in children:
            if isinstance(child, El):
                return child.pos
        return None

    def statements(self, children: list, ctx: Ctx) -> list:
        """Spoken text (str) and control elements, with <prompt cond> turned into an <if>."""
        out: list = []
        for child in children:
            if isinstance(child, str):
                if child.strip():
                    out.append((child, None))
                continue
            if child.server:
                if child.tag == "property":
                    out.append((unknown_text("text filled in by the server"), child.pos))
                elif child.tag in ("if", "when", "choose", "iterator", "forEach", "foreach", "else", "otherwise"):
                    out.extend(self.statements(child.children, ctx))
                continue
            if child.tag in ("prompt", "audio", "value", "enumerate", "emphasis", "emp", "sayas", "say-as", "pros",
                             "prosody", "div", "p", "s", "break", "voice", "sub", "mark"):
                if child.tag == "prompt" and child.attrs.get("cond"):
                    out.append(El("if", VXML_NS, {"cond": child.attrs["cond"]}, child.line, child.column,
                                  [El("prompt", VXML_NS, {}, child.line, child.column, child.children)]))
                    continue
                if child.tag == "prompt" and child.attrs.get("count", "1") != "1":
                    continue
                out.append((self.say(child, ctx), child.pos))
                continue
            if child.tag in _SILENT and child.tag != "catch":
                continue
            out.append(child)
        return out

    def statement(self, element: El, nxt: str | None, ctx: Ctx) -> str | None:
        if element.tag in ("prompt", "audio", "value", "enumerate", "emphasis", "emp", "sayas", "say-as", "pros",
                           "prosody", "div", "p", "s", "break", "voice", "sub", "mark"):
            # spoken text reached here only when mixed with control flow: treat as a prompt
            text = squash(self.say(element, ctx))
            if not text:
                return nxt
            node_id = self.draft.reserve(ctx.scope, "prompt")
            self.draft.add(node_id, "play", origin=element.pos, origin_id=f"<{element.tag}>", prompt=text, next=nxt)
            return node_id
        if element.tag == "if":
            return self.if_node(element, nxt, ctx)
        if element.tag in ("goto", "submit", "link"):
            target = self.jump(element.attrs.get("next") or element.attrs.get("nextitem"),
                               element.attrs.get("expr") or element.attrs.get("expritem"), element, ctx,
                               item=bool(element.attrs.get("nextitem") or element.attrs.get("expritem")),
                               submit=element.tag == "submit")
            if target is None:
                self.draft.warn(f"line {element.line}: <{element.tag}> names no target; ignored")
                return nxt
            return target
        if element.tag in ("exit", "disconnect", "return"):
            return self.hangup(ctx, f"<{element.tag}>", element)
        if element.tag == "reprompt":
            return getattr(ctx, "reprompt_to", None) or ctx.item_id or nxt
        if element.tag == "throw":
            return self.event_target(element.attrs.get("event", ""), ctx, nxt)
        if element.tag == "clear":
            names = element.attrs.get("namelist", "").split()
            targets = [getattr(ctx, "item_ids", {}).get(id(f)) for f in self.walk(ctx.form)
                       if ctx.form is not None and f.attrs.get("name") in names and f.tag in FORM_ITEMS] \
                if ctx.form is not None else []
            targets = [t for t in targets if t]
            return targets[0] if targets else nxt
        if element.tag == "transfer":
            return self.transfer(element, None, nxt or ctx.form_id, ctx)
        if element.tag == "record":
            node_id = self.draft.reserve(ctx.scope, element.attrs.get("name") or "record")
            return self.record(element, node_id, nxt, ctx)
        if element.tag in _SILENT:
            return nxt
        self.draft.warn(f"line {element.line}: <{element.tag}> is not understood by ivr-lint; skipped")
        return nxt

    def hangup(self, ctx: Ctx, what: str, element: El | None = None) -> str:
        node_id = self.draft.reserve(ctx.scope, "exit")
        self.draft.add(node_id, "hangup", origin=element.pos if element else None, origin_id=what)
        return node_id

    def if_node(self, element: El, nxt: str | None, ctx: Ctx) -> str | None:
        chain = if_chain(element)
        if ctx.known:  # a menu field's <filled> for one key: conditions on its value are decided
            kept: list[tuple[str | None, list]] = []
            for cond, body in chain:
                verdict = True if cond is None else decide(cond, ctx.known)
                if verdict is True:  # taken whenever the conditions kept before it are not
                    kept.append((None, body))
                    break
                if verdict is None:
                    kept.append((cond, body))
            chain = kept
            if all(cond is None for cond, _ in chain):
                return self.seq(chain[0][1], nxt, ctx) if chain else nxt
        conditions = [c for c, _ in chain if c is not None]
        parsed = [equalities(c) for c in conditions]
        variables = {p[0] for p in parsed if p}
        otherwise = next((b for c, b in chain if c is None), [])
        default = self.seq(otherwise, nxt, ctx)
        node_id = self.draft.reserve(ctx.scope, "if")
        if len(variables) == 1 and all(parsed):
            cases = {}
            for (cond, body), (_, values) in zip([x for x in chain if x[0] is not None], parsed):
                entry = self.seq(body, nxt, ctx)
                for value in values:
                    cases.setdefault(value, entry)
            variable = variables.pop()
            self.draft.add(node_id, "branch", origin=element.pos, origin_id=f"<if cond=\"{conditions[0]}\">",
                           on=variable, cases=cases, default=default)
            self.condition_unknown(node_id, variable)
            return node_id
        # a chain of independent conditions: one branch per condition, the last one's default is <else>;
        # a condition comparing a field's variable is a branch on that variable (the caller's answer
        # sets it), `!=` leading its values past the condition's body
        entry = default
        for cond, body in reversed([x for x in chain if x[0] is not None]):
            branch_id = node_id if cond == conditions[0] else self.draft.reserve(ctx.scope, "elseif")
            compared = equalities(cond) or inequalities(cond)
            inside = self.seq(body, nxt, ctx)
            if compared and compared[0] in self.field_names:
                variable, values = compared
                equal = equalities(cond) is not None
                cases = {value: inside if equal else entry for value in values}
                self.draft.add(branch_id, "branch", origin=element.pos, origin_id=f"<if cond=\"{cond}\">",
                               on=variable, cases=cases, default=entry if equal else inside)
                self.condition_unknown(branch_id, variable)
            else:
                self.draft.add(branch_id, "branch", origin=element.pos, origin_id=f"<if cond=\"{cond}\">", on=cond,
                               cases={"true": inside}, default=entry)
                self.condition_unknown(branch_id, cond)
            entry = branch_id
        return entry

    def condition_unknown(self, node_id: str, condition: str) -> None:
        names = set(re.findall(r"[A-Za-z_]\w*", condition))
        if names & self.field_names and "Date" not in condition:
            return  # decided by what the caller said or pressed
        what = "time of day or date (ECMAScript)" if "Date" in condition else "ECMAScript condition"
        self.draft.unknown(node_id, "condition", f"{what}: {condition}")

    def jump(self, target: str | None, expr: str | None, element: El, ctx: Ctx, item: bool = False,
             submit: bool = False) -> str | None:
        if target is None and expr:
            return self.external(f"expr {expr}", element, dynamic=True)
        if target is None:
            return ctx.item_id
        if item:
            found = [getattr(ctx, "item_ids", {}).get(id(f)) for f in self.walk(ctx.form)
                     if f.attrs.get("name") == target] if ctx.form is not None else []
            return next((f for f in found if f), None) or self.external(target, element)
        document, _, fragment = target.partition("#")
        if not document:
            if fragment in self.dialog_ids:
                return self.dialog_ids[fragment]
            attr = next((k for k, v in element.attrs.items() if v == target), "next")
            return self.draft.dangle(target, what=f"<{element.tag} {attr}=\"{target}\">",
                                     origin=element.pos)
        if submit or "${" in target or "{" in target:
            return self.external(target, element, submit=submit, dynamic="${" in target)
        if not fragment and document in self.dialog_ids and "." not in document:
            self.draft.warn(f"line {element.line}: next={document!r} is the address of another document; "
                            f"the dialog of this document is '#{document}'")
        return self.other_document(document, fragment, element)

    def other_document(self, document: str, fragment: str, element: El) -> str:
        here = os.path.dirname(self.source) if self.source not in ("-", "<stdin>") else None
        path = os.path.normpath(os.path.join(here, document)) if here is not None else None
        if path and os.path.isfile(path) and "://" not in document:
            key = f"goto {document}#{fragment}"
            if key not in self.externals:
                node_id = self.draft.reserve("goto", document.rsplit("/", 1)[-1], fragment)
                self.draft.add(node_id, "goto", origin=element.pos, origin_id=f"<{element.tag} next={document}>",
                               comment="another VoiceXML document beside this one", flow=document,
                               node=kebab(fragment) or None)
                self.externals[key] = node_id
            return self.externals[key]
        return self.external(document + (f"#{fragment}" if fragment else ""), element)

    def external(self, target: str, element: El, submit: bool = False, dynamic: bool = False) -> str:
        key = f"{'submit' if submit else 'go'} {target}"
        if key in self.externals:
            return self.externals[key]
        short = target.rsplit("/", 1)[-1] or target
        node_id = self.draft.reserve("to" if not submit else "submit", short)
        what = ("the server that receives the submit answers with the next page" if submit
                else "a page computed at run time" if dynamic else "another document, not in this export")
        self.draft.add(node_id, "transfer", origin=element.pos, origin_id=f"<{element.tag} next={target}>",
                       comment=f"the call leaves this document: {what}", label=f"continues at {target}", agent=False)
        self.draft.unknown(node_id, "sub-flow", f"what happens at {target} ({what})")
        self.externals[key] = node_id
        return node_id

    # words ---------------------------------------------------------------------------------
    def prompts(self, element: El, ctx: Ctx, counter: int = 1) -> str | None:
        """What a visit with this prompt counter says: the prompts whose `count` is the highest not
        above the counter (VoiceXML 2.0 §4.1.6), in document order."""
        selected = max((c for c in prompt_counts(element) if c <= counter), default=None)
        parts = []
        for child in element.kids():
            if child.tag == "prompt" and not child.server and _prompt_count(child) == selected:
                if child.attrs.get("cond"):
                    parts.append(unknown_text(f"said only when {child.attrs['cond']}: "
                                              f"\"{squash(self.say(child, ctx))}\""))
                else:
                    parts.append(self.say(child, ctx))
            elif child.tag == "audio" and not child.server:
                parts.append(self.say(child, ctx))
        text = tidy(SEAM.join(parts))
        return text or None

    def say(self, element, ctx: Ctx, choice: tuple[str, str] | None = None) -> str:
        if isinstance(element, str):
            return element
        tag = element.tag
        if element.server:
            if tag == "property":
                return SEAM + unknown_text("text filled in by the server") + SEAM
            return SEAM.join(self.say(c, ctx, choice) for c in element.children)
        if tag in ("grammar", "dtmf", "filled", "noinput", "nomatch", "help", "catch", "property", "script",
                   "assign", "var", "log", "error", "link", "option", "param"):
            return ""
        if tag == "value":
            expr = element.attrs.get("expr", "")
            if choice is not None and expr in ("_prompt", "_dtmf"):
                return choice[0] if expr == "_prompt" else (choice[1] or "")
            if re.fullmatch(r"[A-Za-z_]\w*", expr):
                return "{" + expr + "}"
            return SEAM + unknown_text(f"value of {expr}") + SEAM
        if tag == "audio":
            source = element.attrs.get("src") or element.attrs.get("expr") or "?"
            fallback = squash(SEAM.join(self.say(c, ctx, choice) for c in element.children))
            what = f"audio prompt '{source}'" + (f' (fallback text: "{fallback}")' if fallback else "")
            return SEAM + unknown_text(what) + SEAM
        if tag in ("sayas", "say-as") and element.attrs.get("sub"):
            return SEAM + element.attrs['sub'] + SEAM
        if tag == "sub" and element.attrs.get("alias"):
            return SEAM + element.attrs['alias'] + SEAM
        if tag == "break":
            return SEAM
        if tag == "enumerate":
            template = [c for c in element.children if not (isinstance(c, str) and not c.strip())]
            parts = []
            for text, key in ctx.choices:
                if template:
                    parts.append(squash(SEAM.join(self.say(c, ctx, (text, key)) for c in element.children)))
                else:
                    parts.append(text)
            return SEAM + (SEAM.join(parts) if template else ", ".join(parts) + ".") + SEAM
        return SEAM.join(self.say(c, ctx, choice) for c in element.children)


def _prompt_count(prompt: El) -> int | None:
    try:
        return max(1, int(prompt.attrs.get("count", "1") or 1))
    except ValueError:
        return None


def prompt_counts(element: El) -> set[int]:
    """The `count` values of an item's own prompts (its tapering)."""
    counts = {_prompt_count(c) for c in element.kids() if c.tag == "prompt" and not c.server}
    counts.discard(None)
    return counts  # type: ignore[return-value]


def equalities(condition: str) -> tuple[str, list[str]] | None:
    """`v == 'a' || v == 'b'` -> ('v', ['a', 'b']); None for anything else."""
    variable, values = None, []
    for part in condition.split("||"):
        match = _SIMPLE_COND.match(part)
        if not match or match.group(3) != "==" or match.group(1) or (variable and match.group(2) != variable):
            return None
        variable = match.group(2)
        values.append(match.group(5).strip())
    return (variable, values) if variable else None


def inequalities(condition: str) -> tuple[str, list[str]] | None:
    """`v != 'a' && v != 'b'` -> ('v', ['a', 'b']): the values that skip the condition's body."""
    variable, values = None, []
    for part in condition.split("&&"):
        match = _SIMPLE_COND.match(part)
        if not match or match.group(3) != "!=" or match.group(1) or (variable and match.group(2) != variable):
            return None
        variable = match.group(2)
        values.append(match.group(5).strip())
    return (variable, values) if variable else None


def decide(condition: str, known: dict[str, str]) -> bool | None:
    """The truth of a condition made of `v == 'a'`, `v != 'a'`, `v`, `!v` on the known variables,
    joined by `||` or `&&` (not both); None when it depends on anything else."""
    if "||" in condition and "&&" in condition:
        return None
    joiner = "||" if "||" in condition else "&&"
    verdicts = []
    for part in condition.split(joiner):
        match = _SIMPLE_COND.match(part)
        if not match or match.group(2) not in known:
            return None
        negated, variable, operator, value = match.group(1), match.group(2), match.group(3), match.group(5)
        given = known[variable]
        if operator is None:
            truth = given not in ("", "false", "0")
        else:
            truth = (given == value.strip()) == (operator == "==")
        verdicts.append(truth != bool(negated) if operator is None else truth if not negated else None)
        if verdicts[-1] is None:
            return None
    return any(verdicts) if joiner == "||" else all(verdicts)


def if_chain(element: El) -> list[tuple[str | None, list]]:
    """<if cond><elseif cond/><else/></if> as [(cond or None for else, children)]."""
    chain: list[tuple[str | None, list]] = [(element.attrs.get("cond", "true"), [])]
    for child in element.children:
        if isinstance(child, El) and not child.server and child.tag == "elseif":
            chain.append((child.attrs.get("cond", "true"), []))
        elif isinstance(child, El) and not child.server and child.tag == "else":
            chain.append((None, []))
        else:
            chain[-1][1].append(child)
    return chain


def handler_leaves(handler: El) -> bool:
    """Does the handler go somewhere else than back to its field?"""
    def walk(element):
        for child in element.kids():
            if child.tag in ("goto", "submit", "exit", "disconnect", "transfer", "return", "throw", "clear"):
                return True
            if walk(child):
                return True
        return False
    return walk(handler)


def dtmf_grammar_keys(grammar: El) -> dict[str, tuple[str, str]]:
    """Single-key alternatives of an inline DTMF grammar (JSGF `1 {read} | 2 {reply}` or SRGS items)."""
    items = [i for i in _descendants(grammar) if i.tag == "item"]
    if items:
        keys = {}
        for item in items:
            if item.attrs.get("repeat", "1") not in ("1", "0-1"):
                return {}  # a sequence of keys: an input, not a choice
            text = squash("".join(c for c in item.children if isinstance(c, str)))
            tags = [squash(t.text()) for t in item.kids() if t.tag == "tag"]
            if len(text) == 1 and text in "0123456789*#":
                value = _tag_value(tags[0]) if tags else text
                keys.setdefault(text, (value, value if value != text else ""))
            elif any(k.tag in ("item", "one-of", "ruleref") for k in item.kids()) or not text:
                continue  # a wrapper around the alternatives
            else:
                return {}
        return keys
    body = grammar.text()
    if "|" not in body:
        return {}
    keys = {}
    for alternative in body.split("|"):
        match = re.fullmatch(r"\s*([0-9*#])\s*(?:\{\s*([^}]*?)\s*\})?\s*", alternative)
        if not match:
            return {}
        keys[match.group(1)] = (match.group(2) or match.group(1), match.group(2) or "")
    return keys


def _tag_value(tag: str) -> str:
    """The value an SRGS `<tag>` gives: `out="sales"`, `out.choice='sales';` or the bare text."""
    match = re.search(r"""=\s*(['"])(.*?)\1""", tag) or re.fullmatch(r"""\s*(['"]?)([^'";=]*)\1\s*;?\s*""", tag)
    return match.group(2).strip() if match and match.group(2).strip() else tag


def _descendants(element: El):
    for child in element.kids():
        yield child
        yield from _descendants(child)


def _duration(value: str) -> float | None:
    """A CSS2 time ("4s", "500ms") in seconds."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(ms|s)?\s*", value or "")
    if not match:
        return None
    number = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
    return int(number) if number.is_integer() else number


def _seconds(element: El) -> float | None:
    """A menu's or field's timeout, from its first prompt's `timeout` or a `timeout` property."""
    values = [p.attrs.get("timeout") for p in element.find("prompt") if p.attrs.get("timeout")]
    values += [p.attrs.get("value") for p in element.find("property") if p.attrs.get("name") == "timeout"]
    for value in values:
        match = re.fullmatch(r"\s*([\d.]+)\s*(ms|s)?\s*", value or "")
        if match:
            number = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
            return int(number) if number.is_integer() else number
    return None
