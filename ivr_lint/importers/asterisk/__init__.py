"""Asterisk dialplans: extensions.conf and AEL (extensions.ael).

A dialplan holds many contexts; a flow starts at one. The entry is `--entry
CONTEXT[,EXTENSION]` when given, otherwise the main menu: among the contexts with a
`Background()`/`WaitExten()`/`Read()` menu, one no other menu context leads to, the
one from which the most menus can be reached. Only what can be reached from the entry
is imported; the report names the entry and how many contexts were left out.
"""

from __future__ import annotations

import re

from ivr_lint.importers.asterisk.ael import parse_ael
from ivr_lint.importers.asterisk.conf import parse_conf
from ivr_lint.importers.asterisk.flow import DTMF, Converter
from ivr_lint.importers.asterisk.model import Dialplan
from ivr_lint.importers.draft import Draft
from ivr_lint.importers.result import ImportFailure
from ivr_lint.importers.textutil import decode_export

FORMAT = "asterisk"
_AEL = re.compile(r"^\s*((abstract\s+)?context|macro|globals)\s+[\w\-]*\s*(\([^)]*\))?\s*\{", re.M)


def convert(data: bytes, name: str, entry: str | None = None) -> Draft:
    text = decode_export(data)
    is_ael = name.lower().endswith(".ael") or (_AEL.search(text) is not None and "exten" not in text[:2000])
    plan = parse_ael(text) if is_ael else parse_conf(text)
    if not any(c.extensions for c in plan.contexts.values()):
        if plan.commented_contexts:
            raise ImportFailure(f"every context of the dialplan ({plan.commented_contexts}) is inside a ;-- --; "
                                "block comment: nothing for a call to run")
        raise ImportFailure("the dialplan has no extension: nothing for a call to run")
    draft = Draft(FORMAT, name)
    draft.variant = plan.syntax
    context, exten, how = choose_entry(plan, entry)
    draft.title = f"{context}, extension {exten}"
    switched = sorted({m.group(1) for m in re.finditer(r"(?:LANGUAGE\(\)|CHANNEL\(language\))\s*=\s*([A-Za-z_\-]+)",
                                                     text)})
    draft.language = "en"
    draft.header.append("language: en, Asterisk's default sound language"
                        + (f" (the dialplan switches to {', '.join(switched)} on some paths)" if switched else ""))
    draft.header.append(f"entry: context {context}, extension {exten} ({how})")
    for note in plan.notes:
        draft.header.append(note)
    converter = Converter(plan, draft, entry)
    converter.run((context, exten))
    reached = {key[1] for key in converter.memo if len(key) == 4 and not isinstance(key[0], str)}
    left = [c for c in plan.contexts if c not in reached and plan.contexts[c].extensions]
    if left:
        draft.warn(f"entry {context},{exten} ({how}); {len(left)} context(s) not reachable from it are not imported"
                   f" (choose another entry with --entry): {', '.join(left[:15])}{' ...' if len(left) > 15 else ''}")
    else:
        draft.warn(f"entry {context},{exten} ({how})")
    return draft


def choose_entry(plan: Dialplan, wanted: str | None) -> tuple[str, str, str]:
    if wanted:
        context, _, exten = wanted.partition(",")
        context, exten = context.strip(), exten.strip()
        if context not in plan.contexts:
            raise ImportFailure(f"--entry: no context {context!r} in the dialplan", element=context)
        extensions = plan.contexts[context].extensions
        if not exten:
            exten = "s" if "s" in extensions else next(iter(extensions), "")
        if exten not in extensions:
            raise ImportFailure(f"--entry: context {context!r} has no extension {exten!r}", element=wanted)
        return context, exten, "given with --entry"
    scorer = EntryScore(plan)
    best = None
    for name, context in plan.contexts.items():
        if context.macro_params is not None or name.lower().startswith(("macro-", "sub-")):
            continue
        for ext_name in context.extensions:
            if ext_name in ("i", "t", "h", "o", "a", "e", "T"):
                continue
            score = scorer.score(name, ext_name)
            if best is None or score > best[0]:
                best = (score, name, ext_name)
    if best is None:
        raise ImportFailure("the dialplan has no context with an extension")
    score, name, ext_name = best
    how = "where calls reach the main menu" if score[0] else "no menu found: the first context"
    return name, ext_name, how


#: names of contexts where outside calls arrive (a menu's own name says nothing about being the entry)
_ENTRY_NAMES = re.compile(r"incoming|inbound|from-?(pstn|trunk|external|outside|carrier|provider)|did|reception|"
                          r"attendant", re.I)
_WEIGHTS = {"waitexten": 1.0, "background": 0.1, "queue": 2.0, "read": 1.0}


class EntryScore:
    """How much of a caller's menu an extension leads to, following jumps and calls statically."""

    def __init__(self, plan: Dialplan):
        self.plan = plan

    def score(self, context: str, exten: str) -> tuple:
        """(has its own menu, weight of the menus it leads to, entry-like name, is `s`, earlier in the file)."""
        weight = 0.0
        own = False
        seen: set[tuple[str, str]] = set()
        pending = [(context, exten)]
        while pending and len(seen) < 400:
            ctx_name, ext_name = pending.pop()
            if (ctx_name, ext_name) in seen:
                continue
            seen.add((ctx_name, ext_name))
            ctx = self.plan.contexts.get(ctx_name)
            extension = ctx.extensions.get(ext_name) if ctx else None
            if extension is None:
                continue
            keys = [n for n in ctx.extensions if len(n) == 1 and n in DTMF and n != ext_name]
            for step in extension.steps:
                app = step.app.lower() if step.kind == "app" else ""
                if app in _WEIGHTS:
                    real = app in ("background", "waitexten") and bool(keys)
                    weight += 3.0 if real else _WEIGHTS[app]
                    if real:
                        own = own or ctx_name == context
                        pending.extend((ctx_name, k) for k in keys)
                        pending.extend((ctx_name, k) for k in ("i", "t") if k in ctx.extensions)
                for jump in (step.then, step.otherwise, step.call_target, *(j for _, j in step.cases)):
                    if jump is None:
                        continue
                    target_ctx = jump.context or ctx_name
                    target_ext = jump.exten or ext_name
                    if step.kind == "call" and jump.context is None and step.callee:
                        target_ctx = step.callee
                    if "$" not in target_ctx + target_ext:
                        pending.append((target_ctx, target_ext))
        line = self.plan.contexts[context].line
        return (weight >= 1, bool(_ENTRY_NAMES.search(context)), own, round(weight, 1), exten == "s", -line)
