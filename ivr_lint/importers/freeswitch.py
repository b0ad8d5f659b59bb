"""FreeSWITCH IVR menus (mod_dptools `ivr`): `ivr.conf.xml` `<menus>` or an `ivr_menus/*.xml` `<include>`.

What the menu engine (switch_ivr_menu.c) does, and how it is imported:

- A menu plays `greet-long` the first time, `greet-short` on every later pass, waits
  `timeout` ms (10 s by default) for a first digit and `inter-digit-timeout` ms between
  digits, up to `digit-len` digits; without `inter-digit-timeout` only `timeout` bounds the
  whole entry. The `input` of longer digits starts after a key already typed: its
  `timeout` and `digit_timeout` are both that gap between digits. A wrong entry plays `invalid-sound`. After
  `max-failures` wrong entries or `max-timeouts` silences (3 each by default) the menu
  exits: `exec-on-max-failures` / `exec-on-max-timeouts` run first; a sub-menu returns to
  the menu that opened it, the top menu plays `exit-sound` and gives the call back to the
  dialplan (not in this file: `<menu>-exit`, a hang-up marked unknown).
- The first pass is node `<menu>`; the later passes are `<menu>-again` (greet-short),
  which counts the remaining attempts. Wrong entries and silences are counted together.
- Entries: `menu-sub` opens a menu (which starts again with greet-long when it returns),
  `menu-back` returns to the menu that opened this one, `menu-top` goes back to the top
  menu, `menu-exit` leaves the IVR, `menu-play-sound` plays a sound then replays the menu,
  `menu-exec-app` runs a dialplan application (`transfer`, `bridge`, `voicemail`,
  `playback`, `hangup`, `callcenter`, `fifo`...): the menu goes on after it unless the
  application takes the call elsewhere. An unknown action is ignored by FreeSWITCH, and
  so here, with a warning.
- Digits of more than one key (`123`, or a regular expression such as
  `/^(10[01][0-9])$/` for dial-by-extension) start with a key of the menu that leads to
  an `input` collecting the rest of the digits, then to a `branch` on them when the
  strings the pattern accepts can be listed.
- Prompts: `say:TEXT` is spoken by `tts-engine`/`tts-voice` and gives the prompt's words;
  `phrase:` macros and sound files give an ``[unknown: ...]`` marker naming them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ivr_lint.importers.draft import Draft
from ivr_lint.importers.result import ImportFailure, unknown_text
from ivr_lint.importers.textutil import squash
from ivr_lint.importers.voicexml import El, parse
from ivr_lint.text.quoting import quote, shorten

try:  # Python 3.11+: the regular-expression parser, to list the digits a pattern accepts
    from re import _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

FORMAT = "freeswitch"
DTMF = "0123456789*#"
ACTIONS = {"menu-exit", "menu-sub", "menu-exec-app", "menu-play-sound", "menu-back", "menu-top"}
#: dialplan applications that play something and give the call back to the menu
_PLAYERS = {"playback", "speak", "say", "phrase", "gentones", "sleep", "echo", "delay_echo", "endless_playback"}
#: applications that only change channel state: the menu goes on
_SILENT_APPS = {"set", "export", "unset", "log", "info", "answer", "pre_answer", "ring_ready", "set_user",
                "hash", "db", "event", "multiset", "push", "unshift"}
_APP_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_LIMIT = 200  # most strings of digits a pattern is listed as


@dataclass
class Menu:
    name: str
    el: El
    entries: list[El] = field(default_factory=list)

    def attr(self, key: str) -> str | None:
        value = self.el.attrs.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def number(self, key: str) -> int | None:
        value = self.attr(key)
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None


def convert(data: bytes, name: str, entry: str | None = None) -> Draft:
    document = parse(data)
    root = next(iter(document.kids()), None)
    if root is None:
        raise ImportFailure("not FreeSWITCH IVR menus: the file holds no XML element", 1, 1)
    menus = _menus(root)
    if not menus:
        raise ImportFailure(refusal(root), *root.pos)
    draft = Draft(FORMAT, name)
    draft.variant = "ivr.conf <menus>" if root.tag == "configuration" else f"<{root.tag}> of menus"
    Converter(draft, menus, entry).run()
    return draft


def refusal(root: El) -> str:
    """What a FreeSWITCH XML file without `<menu>` looks like, in one line."""
    macros = [el for el in _walk(root) if el.tag == "macro"]
    if macros:
        return (f"a FreeSWITCH phrase file ({len(macros)} phrase macro{'s' if len(macros) != 1 else ''} in <macro>), "
                "not IVR menus: ivr-lint reads the <menu> elements of ivr.conf.xml or ivr_menus/*.xml")
    if root.tag == "configuration":
        return (f"a FreeSWITCH configuration file ({quote(root.attrs.get('name', '?'))}) with no <menu>: ivr-lint "
                "reads the IVR menus of ivr.conf.xml or ivr_menus/*.xml")
    return f"not FreeSWITCH IVR menus: no <menu> element under <{shorten(root.tag, 40)}>"


def _walk(element: El):
    stack = [element]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.kids()))


def _menus(root: El) -> list[Menu]:
    out = []
    for element in _walk(root):
        if element.tag == "menu" and element.attrs.get("name"):
            out.append(Menu(element.attrs["name"], element, [e for e in element.kids() if e.tag == "entry"]))
    return out


# -- digit patterns -------------------------------------------------------------------------------
def pattern_strings(pattern: str, limit: int = _LIMIT) -> list[str] | None:
    """Every string of DTMF keys a regular expression accepts, or None when there are too many."""
    try:
        parsed = _sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    found = _sequence(list(parsed), limit)
    if found is None:
        return None
    return sorted({s for s in found if s and all(c in DTMF for c in s)}, key=lambda s: (len(s), s))


def _chars(op, av) -> set[str] | None:
    if op is _sre.LITERAL:
        return {chr(av)}
    if op is _sre.ANY:
        return set(DTMF)
    if op is _sre.CATEGORY:
        return set("0123456789") if av is _sre.CATEGORY_DIGIT else None
    if op is _sre.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _sre.NEGATE:
                return None
            if sub_op is _sre.RANGE:
                chars |= {chr(c) for c in range(sub_av[0], min(sub_av[1], 127) + 1)}
            else:
                more = _chars(sub_op, sub_av)
                if more is None:
                    return None
                chars |= more
        return {c for c in chars if c in DTMF}
    return None


def _sequence(items, limit: int) -> list[str] | None:
    results = [""]
    for op, av in items:
        options = _item(op, av, limit)
        if options is None:
            return None
        results = [a + b for a in results for b in options]
        if len(results) > limit:
            return None
    return results


def _item(op, av, limit: int) -> list[str] | None:
    chars = _chars(op, av)
    if chars is not None:
        return sorted(chars)
    if op is _sre.AT:
        return [""]
    if op is _sre.SUBPATTERN:
        return _sequence(list(av[-1]), limit)
    if op is _sre.BRANCH:
        out: list[str] = []
        for branch in av[1]:
            found = _sequence(list(branch), limit)
            if found is None:
                return None
            out.extend(found)
        return out if len(out) <= limit else None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        low, high, sub = av
        if high is _sre.MAXREPEAT or high > 12:
            return None
        one = _sequence(list(sub), limit)
        if one is None:
            return None
        out = []
        for count in range(low, high + 1):
            current = [""]
            for _ in range(count):
                current = [a + b for a in current for b in one]
                if len(current) > limit:
                    return None
            out.extend(current)
        return out if len(out) <= limit else None
    return None


def first_keys(pattern: str) -> set[str]:
    """The keys a pattern's strings can start with, when the strings cannot all be listed."""
    try:
        items = list(_sre_parse.parse(pattern))
    except (re.error, OverflowError, RecursionError, ValueError):
        return set()
    return _first(items) or set()


def _first(items) -> set[str] | None:
    for op, av in items:
        chars = _chars(op, av)
        if chars is not None:
            return chars
        if op is _sre.AT:
            continue
        if op is _sre.SUBPATTERN:
            return _first(list(av[-1]))
        if op is _sre.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                out |= _first(list(branch)) or set()
            return out
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            return _first(list(av[2]))
        return None
    return None


# -- conversion -----------------------------------------------------------------------------------
@dataclass
class Long:
    """An entry of more than one key: its strings (None: too many to list) and where it leads."""

    entry: El
    label: str
    strings: list[str] | None
    firsts: set[str]
    target: str


class Converter:
    def __init__(self, draft: Draft, menus: list[Menu], entry: str | None):
        self.draft = draft
        self.menus: dict[str, Menu] = {}
        for menu in menus:
            if menu.name in self.menus:
                draft.warn(f"line {menu.el.line}: a second menu named {quote(menu.name)}; FreeSWITCH keeps the first")
                continue
            self.menus[menu.name] = menu
        self.entry = entry
        self.ids: dict[str, str] = {}
        self.parents: dict[str, list[str]] = {name: [] for name in self.menus}
        self.root_of: dict[str, str] = {}
        self.built: dict[tuple[str, str], str] = {}
        #: a menu sets tts-engine and tts-voice on the call, for the say: sounds of every menu after it
        self.tts = any(m.attr("tts-engine") and m.attr("tts-voice") for m in self.menus.values())

    # structure ----------------------------------------------------------------------------------
    def run(self) -> None:
        for menu in self.menus.values():
            self.ids[menu.name] = self.draft.reserve(menu.name, fallback="menu")
        for menu in self.menus.values():
            for entry in menu.entries:
                action, param = entry.attrs.get("action"), (entry.attrs.get("param") or "").strip()
                target = None
                if action == "menu-sub":
                    target = param
                elif action == "menu-exec-app" and param.split(" ", 1)[0] == "ivr":
                    target = param.split(" ", 1)[1].strip() if " " in param else None
                if target in self.menus and target != menu.name and menu.name not in self.parents[target]:
                    self.parents[target].append(menu.name)
        self.children: dict[str, list[str]] = {n: [] for n in self.menus}
        for child, parents in self.parents.items():
            for parent in parents:
                self.children[parent].append(child)
        if self.entry is not None:
            if self.entry not in self.menus:
                raise ImportFailure(f"--entry {quote(self.entry)}: no menu has that name (menus: "
                                    f"{shorten(', '.join(self.menus), 200)})")
            first = self.entry
        else:
            first = next((n for n in self.menus if not self.parents[n]), next(iter(self.menus)))
        roots = [first]
        self.mark(first, first)
        for name in self.menus:
            if name not in self.root_of:
                roots.append(name)
                self.mark(name, name)
        self.draft.start = self.ids[first]
        self.draft.header.append(f"The call starts at menu {quote(first)}: the dialplan's `ivr` application names the "
                                 "menu it runs (another one: --entry NAME).")
        if len(roots) > 1:
            self.draft.header.append("Menus not reached from it, imported as separate starts: "
                                     + ", ".join(quote(r) for r in roots[1:]))
        for menu in self.menus.values():
            self.build_menu(menu)

    def mark(self, name: str, root: str) -> None:
        """Every menu reached from `name` through menu-sub belongs to the IVR started at `root`."""
        pending = [name]
        while pending:
            current = pending.pop()
            if current in self.root_of:
                continue
            self.root_of[current] = root
            pending.extend(self.children[current])

    def is_root(self, menu: Menu) -> bool:
        return self.root_of.get(menu.name) == menu.name

    def common(self, element: El, what: str, comment=None) -> dict:
        return {"origin": element.pos, "origin_id": what, "comment": comment}

    # the nodes of a menu --------------------------------------------------------------------------
    def settings(self, menu: Menu) -> tuple[int, int]:
        failures = menu.number("max-failures")
        failures = failures if failures and failures > 0 else 3
        timeouts = menu.number("max-timeouts")
        if not timeouts or timeouts <= 0:
            timeouts = failures if menu.attr("max-timeouts") is None and menu.number("max-failures") else 3
        return failures, timeouts

    def needs_again(self, menu: Menu) -> bool:
        short = menu.attr("greet-short")
        return bool(menu.attr("invalid-sound")) or (short is not None and short != menu.attr("greet-long"))

    def again_id(self, menu: Menu) -> str:
        return self.node(menu, "again") if self.needs_again(menu) else self.ids[menu.name]

    def node(self, menu: Menu, suffix: str) -> str:
        key = (menu.name, suffix)
        if key not in self.built:
            self.built[key] = self.draft.reserve(self.ids[menu.name], suffix)
        return self.built[key]

    def build_menu(self, menu: Menu) -> None:
        node_id = self.ids[menu.name]
        failures, timeouts = self.settings(menu)
        timeout = _seconds(menu.number("timeout")) or 10
        attempts = min(failures, timeouts)
        options, long_entries = self.entries(menu)
        self.long_entries(menu, options, long_entries)
        long_prompt = self.sound(menu, menu.attr("greet-long"), node_id)
        notes = [f"max-failures {failures}, max-timeouts {timeouts}" + (
            "; wrong keys and silences are counted together here" if failures != timeouts else ""),
            "timeout 10 s: FreeSWITCH's default" if menu.attr("timeout") is None else None]
        notes = [n for n in notes if n]
        give_up = self.give_up(menu)
        if not self.needs_again(menu):
            self.draft.add(node_id, "menu", **self.common(menu.el, f"menu {menu.name}", notes), label=menu.name,
                           prompt=long_prompt, options=options, timeout=timeout, retries=attempts - 1,
                           on_max_retries=give_up)
            return
        again = self.node(menu, "again")
        retry = again if attempts > 1 else give_up
        wrong = self.invalid(menu, retry)
        self.draft.add(node_id, "menu", **self.common(menu.el, f"menu {menu.name}", notes + [
            "the first pass plays greet-long; later passes are the node " + again]),
            label=menu.name, prompt=long_prompt, options=options, timeout=timeout, retries=0,
            on_no_input=again if timeouts > 1 else give_up, on_no_match=wrong if failures > 1 or wrong != retry
            else give_up)
        short = menu.attr("greet-short") or menu.attr("greet-long")
        comment = ["later passes of the menu: greet-short" if menu.attr("greet-short") else
                   "later passes of the menu (no greet-short: greet-long again)"]
        if menu.attr("invalid-sound"):
            comment.append("FreeSWITCH plays invalid-sound before each replay after a wrong key")
        self.draft.add(again, "menu", **self.common(menu.el, f"menu {menu.name} (again)", comment),
                       label=f"{menu.name} (again)", prompt=self.sound(menu, short, again), options=dict(options),
                       timeout=timeout, retries=max(0, attempts - 2), on_max_retries=give_up)

    def invalid(self, menu: Menu, then: str) -> str:
        """Where a wrong entry leads: invalid-sound, then `then`."""
        sound = menu.attr("invalid-sound")
        if not sound:
            return then
        node_id = self.node(menu, "invalid")
        if node_id not in self.draft.nodes:
            self.draft.add(node_id, "play", **self.common(menu.el, f"menu {menu.name} invalid-sound",
                                                          "a wrong entry"),
                           prompt=self.sound(menu, sound, node_id), next=then)
        return node_id

    def give_up(self, menu: Menu) -> str:
        """After the last failure: exec-on-max-*, then back to the menu that opened it or out of the IVR."""
        on_fail, on_timeout = menu.attr("exec-on-max-failures"), menu.attr("exec-on-max-timeouts")
        after = self.back(menu)
        if not on_fail and not on_timeout:
            return after
        node_id = self.node(menu, "max")
        if node_id in self.draft.nodes:
            return node_id
        fail_target = self.app(menu, menu.el, on_fail, "max-failures", after, suffix="max-failures") if on_fail \
            else after
        timeout_target = self.app(menu, menu.el, on_timeout, "max-timeouts", after, suffix="max-timeouts") \
            if on_timeout else after
        self.draft.add(node_id, "branch", **self.common(menu.el, f"menu {menu.name} exec-on-max-*",
                                                        "FreeSWITCH sets ivr_menu_status to failure or timeout"),
                       synthetic=True, on="ivr_menu_status", cases={"failure": fail_target, "timeout": timeout_target},
                       default=fail_target)
        return node_id

    def back(self, menu: Menu) -> str:
        """Where the menu returns to when it ends: the menu that opened it, or out of the IVR."""
        parents = [p for p in self.parents[menu.name] if self.root_of.get(p) == self.root_of.get(menu.name)]
        if self.is_root(menu) or not parents:
            return self.exit(self.menus[self.root_of.get(menu.name, menu.name)])
        if len(parents) == 1:
            return self.ids[parents[0]]
        node_id = self.node(menu, "back")
        if node_id not in self.draft.nodes:
            variable = f"menu before {menu.name}"
            self.draft.add(node_id, "branch", **self.common(menu.el, f"menu {menu.name} (return)",
                                                            "several menus open this one: it returns to the one "
                                                            "that did"), synthetic=True, on=variable,
                           cases={p: self.ids[p] for p in parents}, default=self.ids[parents[0]])
        return node_id

    def exit(self, root: Menu) -> str:
        """The top menu ends: exit-sound, then the dialplan goes on after the `ivr` application."""
        node_id = self.node(root, "exit")
        if node_id not in self.draft.nodes:
            sound = root.attr("exit-sound")
            self.draft.add(node_id, "hangup", **self.common(root.el, f"menu {root.name} exit", [
                "the IVR ends: the dialplan goes on after its `ivr` application, which this file does not show; "
                "with nothing after it, the call ends"]), synthetic=True, label=f"{root.name}: end of the IVR",
                prompt=self.sound(root, sound, node_id) if sound else None)
            self.draft.unknown(node_id, "platform", "what the dialplan does after the ivr application ends",
                               root.el.pos)
        return node_id

    # entries --------------------------------------------------------------------------------------
    def entries(self, menu: Menu) -> tuple[dict, list[Long]]:
        options: dict[str, dict] = {}
        long_entries: list[Long] = []
        for entry in menu.entries:
            action = entry.attrs.get("action", "")
            digits = (entry.attrs.get("digits") or "").strip()
            param = (entry.attrs.get("param") or "").strip()
            where = f"line {entry.line}: {menu.name}"
            if action not in ACTIONS:
                self.draft.warn(f"{where}: entry action {quote(action)} is not a FreeSWITCH menu action; "
                                "FreeSWITCH ignores the entry")
                continue
            if not digits:
                self.draft.warn(f"{where}: entry {quote(action)} has no digits; FreeSWITCH ignores it")
                continue
            if len(digits) == 1 and digits in DTMF:
                if digits in options:
                    self.draft.warn(f"{where}: a second entry for key {digits}; only the first is imported")
                    continue
                target = self.action(menu, entry, action, param, digits)
                options[digits] = {"next": target, "label": _label(action, param)}
                continue
            if len(digits) > 2 and digits.startswith("/") and digits.endswith("/"):
                pattern = digits[1:-1]
                strings = pattern_strings(pattern)
                firsts = {s[0] for s in strings} if strings is not None else first_keys(pattern)
            elif all(c in DTMF for c in digits):
                pattern, strings, firsts = None, [digits], {digits[0]}
            else:
                self.draft.warn(f"{where}: digits {quote(digits)} are neither keys nor a /regular expression/; "
                                "the entry is not imported")
                continue
            firsts = {c for c in firsts if c in DTMF and c != "#"}
            if not firsts:
                why = ("ivr-lint cannot tell which keys the pattern accepts" if pattern is not None
                       else "# ends the digits in FreeSWITCH menus")
                self.draft.warn(f"{where}: digits {quote(digits)}: {why}; the entry is not imported")
                continue
            target = self.action(menu, entry, action, param, digits, pattern)
            long_entries.append(Long(entry, digits, strings, firsts, target))
        return options, long_entries

    def long_entries(self, menu: Menu, options: dict, entries: list[Long]) -> None:
        """Keys that start longer digits lead to an input of the rest, then a branch on them."""
        if not entries:
            return
        # the input starts after a key already typed: its first wait is a gap between digits too
        inter = _seconds(menu.number("inter-digit-timeout")) or _seconds(menu.number("timeout")) or 10
        digit_len = menu.number("digit-len")
        failures, _ = self.settings(menu)
        for key in sorted({c for e in entries for c in e.firsts}, key=DTMF.index):
            mine = [e for e in entries if key in e.firsts]
            alone = options.get(key, {}).get("next")
            rests = [s[1:] for e in mine for s in (e.strings or []) if s[0] == key]
            listed = all(e.strings is not None for e in mine)
            if "" in rests and alone is None:
                alone = next(e.target for e in mine if e.strings and key in e.strings)
            rests = [r for r in rests if r]
            low = min((len(r) for r in rests), default=1) if listed else 1
            high = max((len(r) for r in rests), default=1) if listed else max(1, (digit_len or 2) - 1)
            if digit_len and high > digit_len - 1:
                self.draft.warn(f"{menu.name}: digit-len {digit_len} cuts the digits of "
                                f"{', '.join(e.label for e in mine)} short")
                high = max(low, digit_len - 1)
            input_id = self.draft.reserve(self.ids[menu.name], "dial", key)
            again = self.again_id(menu)
            wrong = self.invalid(menu, again if failures > 1 else self.give_up(menu))
            if listed or len(mine) > 1:
                nxt = self.draft.reserve(input_id, "digits")
                cases: dict[str, str] = {}
                for e in mine:
                    for rest in (s[1:] for s in (e.strings or []) if s[0] == key and len(s) > 1):
                        cases.setdefault(rest, e.target)
                default = next((e.target for e in mine if e.strings is None), wrong)
                self.draft.add(nxt, "branch", **self.common(mine[0].entry, f"menu {menu.name} digits {key}...",
                                                            "the digits after the first key, matched as FreeSWITCH "
                                                            "matches the entries"),
                               synthetic=True, label=f"{menu.name}: digits after {key}",
                               on=f"{menu.name} digits after {key}", cases=cases, default=default)
            else:
                nxt = mine[0].target
            comment = [f"after key {key}, more digits for {', '.join(e.label for e in mine)}",
                       "timeout and digit_timeout: inter-digit-timeout" if menu.attr("inter-digit-timeout")
                       else "no inter-digit-timeout: FreeSWITCH waits up to the menu's timeout for the digits",
                       "no more digits in that time: the key alone"
                       + ("" if alone else ", which no entry takes (a wrong entry)")]
            self.draft.add(input_id, "input", **self.common(mine[0].entry, f"menu {menu.name} digits "
                                                            + ", ".join(e.label for e in mine), comment),
                           label=f"{menu.name}: {', '.join(e.label for e in mine)}",
                           variable=f"{menu.name} digits after {key}", digits=(low, high), next=nxt,
                           on_invalid=wrong, timeout=inter, digit_timeout=inter, retries=0,
                           on_no_input=alone or wrong, on_max_retries=wrong)
            options[key] = {"next": input_id, "label": options.get(key, {}).get("label") or mine[0].label}

    def action(self, menu: Menu, entry: El, action: str, param: str, digits: str, pattern: str | None = None) -> str:
        if action == "menu-sub":
            if param == menu.name:
                return self.again_id(menu)
            if param in self.menus:
                return self.ids[param]
            return self.outside(menu, entry, f"IVR menu {quote(param)}", digits if len(digits) == 1 else "digits",
                                f"the call continues in menu {quote(param)}, which is not in this file")
        if action == "menu-top":
            return self.again_id(self.menus[self.root_of[menu.name]])
        if action == "menu-back":
            return self.back(menu)
        if action == "menu-exit":
            return self.exit(self.menus[self.root_of[menu.name]])
        if action == "menu-play-sound":
            node_id = self.draft.reserve(self.ids[menu.name], "sound", digits if len(digits) == 1 else "digits")
            self.draft.add(node_id, "play", **self.common(entry, f"menu {menu.name} entry {digits} menu-play-sound"),
                           prompt=self.sound(menu, param, node_id), next=self.again_id(menu))
            return node_id
        return self.app(menu, entry, param, digits, self.again_id(menu), pattern)

    def outside(self, menu: Menu, entry: El, what: str, digits: str, detail: str, number: str | None = None,
                agent: bool = False, failure: str | None = None) -> str:
        node_id = self.draft.reserve(self.ids[menu.name], "on" if digits.startswith("max-") else "to", digits)
        self.draft.add(node_id, "transfer", **self.common(entry, f"menu {menu.name} entry {digits}"),
                       label=what, number=number, agent=agent, on_failure=failure)
        self.draft.unknown(node_id, "sub-flow", detail, entry.pos)
        return node_id

    def app(self, menu: Menu, element: El, command: str | None, digits: str, then: str,
            pattern: str | None = None, suffix: str | None = None) -> str:
        """A dialplan application run from the menu, and where the call goes after it."""
        name, _, args = (command or "").strip().partition(" ")
        args = args.strip()
        suffix = suffix or (digits if len(digits) == 1 else "digits")
        what = f"menu {menu.name} entry {digits}: {shorten(command or '', 80)}"
        substituted = "$1" in args or "$0" in args
        base = self.ids[menu.name]
        if name == "transfer":
            target = args.split()[0] if args else ""
            where = " ".join(args.split()[1:3])
            if substituted:
                label = f"transfer to the extension dialled ({target} from {pattern or digits})"
            else:
                label = f"transfer to extension {target}" + (f" ({where})" if where else "")
            # dialling an extension by its number reaches the person at that extension
            return self.outside(menu, element, label, suffix,
                                f"the call continues at extension {target} of the dialplan"
                                + (f" ({where})" if where else "") + ", which this file does not show",
                                number=target if re.fullmatch(r"\+?[0-9]{2,15}", target) else None,
                                agent=substituted)
        if name == "bridge":
            number = re.search(r"(\+?\d{6,15})(?=@|$|\D*$)", args)
            agent = "conference" not in args.lower()
            node_id = self.draft.reserve(base, "bridge", suffix)
            self.draft.add(node_id, "transfer", **self.common(element, what, "bridge: the call rings that endpoint; "
                                                              "when the bridge fails or ends, the menu goes on"),
                           label=f"bridge {shorten(args, 80)}", number=number.group(1) if number else None,
                           agent=agent, on_failure=then)
            return node_id
        if name == "voicemail":
            words = args.split()
            if "check" in words:
                return self.outside(menu, element, "voicemail retrieval (the caller's own mailbox)", suffix,
                                    "the voicemail application lets the caller listen to a mailbox")
            node_id = self.draft.reserve(base, "voicemail", suffix)
            box = words[-1] if len(words) >= 3 else None
            self.draft.add(node_id, "voicemail", **self.common(element, what, "after the message, the menu goes on"),
                           label=f"voicemail box {box}" if box else "voicemail", next=then)
            return node_id
        if name == "hangup":
            node_id = self.draft.reserve(base, "hangup", suffix)
            self.draft.add(node_id, "hangup", **self.common(element, what), label=f"hangup {args}".strip())
            return node_id
        if name in ("callcenter", "fifo"):
            queue = args.split()[0] if args else None
            node_id = self.draft.reserve(base, "queue", suffix)
            self.draft.add(node_id, "queue", **self.common(element, what, f"mod_{name} queue"), queue=queue)
            return node_id
        if name == "ivr" and args in self.menus:
            return self.ids[args]
        if name in _PLAYERS:
            node_id = self.draft.reserve(base, name, suffix)
            if name == "playback":
                prompt = self.sound(menu, args, node_id)
            elif name == "speak":
                prompt = squash(args.split("|")[-1]) or None
            elif name == "phrase":
                prompt = self.sound(menu, f"phrase:{args}", node_id)
            else:
                prompt = unknown_text(f"{name} {args}".strip())
                self.draft.unknown(node_id, "audio", f"what the {name} application plays", element.pos)
            self.draft.add(node_id, "play", **self.common(element, what), prompt=prompt or unknown_text(name),
                           next=then)
            return node_id
        if name in _SILENT_APPS:
            return then
        if not name:
            self.draft.warn(f"line {element.line}: {menu.name} entry {digits}: menu-exec-app names no application, "
                            "so FreeSWITCH leaves the IVR")
            return self.exit(self.menus[self.root_of[menu.name]])
        if not _APP_NAME.match(name):
            self.draft.warn(f"line {element.line}: {menu.name} entry {digits}: {quote(name)} is not a dialplan "
                            f"application, so FreeSWITCH leaves the IVR (did you mean "
                            f"{quote('transfer ' + (command or '').strip())}?)")
            return self.exit(self.menus[self.root_of[menu.name]])
        node_id = self.draft.reserve(base, name, suffix)
        self.draft.add(node_id, "play", **self.common(element, what, f"the {name} application runs, then the menu "
                                                      "goes on unless it takes the call elsewhere"),
                       label=f"{name} (not understood)", prompt=unknown_text(f"application {name} {args}".strip()),
                       next=then)
        self.draft.unknown(node_id, "opaque", f"what the application {name} {shorten(args, 60)} does", element.pos)
        return node_id

    # sounds ---------------------------------------------------------------------------------------
    def sound(self, menu: Menu, value: str | None, node_id: str) -> str | None:
        """A sound string as the caller hears it: TTS text, or an unknown marker naming the file or macro."""
        if not value:
            return None
        value = value.strip()
        if value.startswith("say:"):
            if not self.tts:
                self.draft.warn(f"{menu.name}: {quote(shorten(value, 60))} needs tts-engine and tts-voice on a "
                                "menu (the menu sets them on the call); without them FreeSWITCH cannot speak it")
            return squash(value[4:]) or None
        if value.startswith("phrase:"):
            macro = value[7:].split(":", 1)[0]
            self.draft.unknown(node_id, "audio", f"phrase macro {quote(macro)} (its words are in a phrase file)",
                               menu.el.pos)
            return unknown_text(f"phrase macro '{macro}'")
        if value.startswith("silence_stream://"):
            return None
        if value.startswith("tone_stream://"):
            return unknown_text(f"tones {value[14:]}")
        if "${" in value:
            self.draft.unknown(node_id, "dynamic-prompt", f"sound named at run time: {value}", menu.el.pos)
            return unknown_text(f"sound from {value}")
        self.draft.unknown(node_id, "audio", f"sound file {quote(value)}", menu.el.pos)
        return unknown_text(f"sound file '{value}'")


def _seconds(ms: int | None) -> float | int | None:
    if ms is None or ms <= 0:
        return None
    seconds = ms / 1000
    return int(seconds) if seconds.is_integer() else seconds


def _label(action: str, param: str) -> str | None:
    if action == "menu-sub":
        return f"menu {param}"
    if action == "menu-exec-app":
        return shorten(param, 60) or None
    return {"menu-top": "top menu", "menu-back": "previous menu", "menu-exit": "leave the IVR",
            "menu-play-sound": "sound"}.get(action)
