"""Turn a dialplan into a flow: follow the calls from the entry, one node per step the caller meets.

- Steps that change nothing for the caller (Answer, NoOp, Set, Verbose...) are skipped;
  `Goto` is an edge, not a node.
- `Background()` followed by `WaitExten()` (or ending its extension) is a `menu`: its
  options are the one-key extensions of the context (and of included contexts), `t`
  is silence, `i` a wrong key. Without `i`, Asterisk hangs up on a wrong key; without
  `t`, silence goes on with the next priority (or hangs up at the end of the extension):
  both become explicit nodes.
- `Read()` is an `input`; `Queue()` a `queue` (what follows it is where callers go
  when it times out or is full); `Dial()` a `transfer` to a person (what follows it is
  its failure path); `VoiceMail()` a `voicemail`; `Hangup()`, `Busy()`, `Congestion()` a
  `hangup`; the end of an extension is Asterisk's automatic hang-up.
- `GotoIf()` and AEL `if`/`switch` are `branch` nodes on the expression; `GotoIfTime()`
  and `ifTime` are `hours` nodes with a schedule when they name days and hours, or a
  `holiday` branch when they name dates (format v1 has no yearly dates).
- Macros and Gosub routines are inlined at each call with their arguments; a routine
  that calls itself is drawn as a loop back to its start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ivr_lint.importers.asterisk.model import (Context, Dialplan, Extension, Jump, Step, pattern_regex, split_args,
                                               split_condition)
from ivr_lint.importers.draft import Draft
from ivr_lint.importers.result import ImportFailure, unknown_text
from ivr_lint.importers.textutil import squash

MAX_NODES = 20_000
MAX_FRAMES = 2_000
DTMF = "0123456789*#"
SILENT = {
    "answer", "noop", "verbose", "set", "setvar", "wait", "ringing", "progress", "setmusiconhold", "log",
    "mixmonitor", "monitor", "stopmonitor", "stopmixmonitor", "setcallerid", "setcidname", "setcidnum",
    "setlanguage", "setaccount", "setamaflags", "setglobalvar", "import", "dbput", "dbget", "dbdel", "dbdeltree",
    "resetcdr", "nocdr", "forkcdr", "cdr", "userevent", "sipaddheader", "pjsipaddheader", "chanisavail",
    "lookupcidname", "lookupblacklist", "setcallerpres", "playtones", "stopplaytones", "waitmusiconhold",
    "musiconhold", "mset", "exec", "execif", "trysystem", "system", "agi", "eagi", "deadagi", "fastagi",
    "senddtmf", "sendtext", "sendurl", "sendimage", "txtcidname", "cut", "sort", "enumlookup", "realtime",
    "realtimeupdate", "macroexclusive", "setrdnis", "setgroup", "checkgroup", "getgroupcount", "mysql", "odbc",
    "sipdtmfmode", "dumpchan", "pickup", "privacymanager", "zapateller", "while", "endwhile", "exitwhile",
    "continuewhile", "gotoiftime_noop", "raiseexception", "stackpop", "setmusicclass", "jabbersend", "speechcreate",
    "dtmftotext", "ael_noop", "localvar", "hint",
}
#: silent apps that still do something the export cannot show (a script's logic)
SCRIPTS = {"agi", "eagi", "deadagi", "fastagi", "system", "trysystem"}
PROMPTS = {"playback", "background", "controlplayback", "backgrounddetect", "saydigits", "saynumber", "sayalpha",
           "sayphonetic", "sayunixtime", "saycountedadj", "saycountednoun", "datetime", "festival", "echo",
           "milliwatt", "playtones_audible"}
_TIMEOUT_SET = re.compile(r"TIMEOUT\(response\)\s*=\s*(\d+)", re.I)
_DIGIT_TIMEOUT = re.compile(r"TIMEOUT\(digit\)\s*=\s*(\d+)", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: text-to-speech applications and AGI scripts: the words they say are in their first argument
TTS_APPS = {"festival", "flite", "espeak", "picotts", "swift", "cepstral", "googletts", "pollytts", "mimic"}
_TTS_SCRIPT = re.compile(r"(googletts|picotts|espeak|flite|festival|swift|polly\w*|tts\w*|\w*tts)(\.agi|\.php|\.py"
                         r"|\.pl|\.sh)?$", re.I)
_IFTIME = re.compile(r"^\$\{IFTIME\((.*)\)\}$|^\$\[\s*\$\{IFTIME\((.*)\)\}\s*\]$", re.S | re.I)


@dataclass(frozen=True)
class Frame:
    """One inlined call of a macro or Gosub routine."""

    callee: str
    number: int
    args: tuple[tuple[str, str], ...]
    ret: tuple | None  # key to go on with after the routine returns


class Converter:
    def __init__(self, plan: Dialplan, draft: Draft, entry: str | None):
        self.plan = plan
        self.draft = draft
        self.wanted = entry
        self.memo: dict[tuple, str] = {}
        self.queue: list[tuple] = []
        self.frames = 0
        self.instances: dict[str, int] = {}
        self.schedules: dict[str, tuple[str, dict]] = {}
        self.opaque_apps: dict[str, int] = {}
        #: variables a Read() sets from the caller's digits, anywhere in the dialplan (a switch on one
        #: follows the caller's answer, whatever order the steps are built in)
        self.read_variables: set[str] = {
            split_args(step.args)[0].strip() for context in plan.contexts.values()
            for extension in context.extensions.values() for step in extension.steps
            if step.kind == "app" and step.app.lower() == "read" and step.args
            and re.fullmatch(r"\w+", split_args(step.args)[0].strip())}
        self.noted: set[int] = set()
        self.scripts: list[str] = []
        self.frame_entries: dict[tuple[str, int], tuple] = {}

    # lookup ------------------------------------------------------------------------------
    def find(self, context_name: str, exten: str, seen: set | None = None) -> tuple[Context, Extension] | None:
        """The extension a dialled `exten` reaches in a context or its includes (exact, then patterns).

        One visited set for the whole search, not one per path: a context already searched
        holds nothing new, and include diamonds (each level including both contexts of the
        next) would otherwise be searched once per path, 2^depth times.
        """
        seen = set() if seen is None else seen
        context = self.plan.contexts.get(context_name)
        if context is None or context_name in seen:
            return None
        seen.add(context_name)
        if exten in context.extensions:
            return context, context.extensions[exten]
        for name, extension in context.extensions.items():
            regex = pattern_regex(name)
            if regex is not None and regex.match(exten):
                return context, extension
        for include in context.includes:
            found = self.find(include, exten, seen)
            if found:
                return found
        return None

    def options(self, context_name: str, seen: set | None = None) -> dict[str, tuple[Context, Extension]]:
        """Every extension a caller can dial in a context, own ones first, then included ones
        (depth first, each context once)."""
        seen = set() if seen is None else seen
        context = self.plan.contexts.get(context_name)
        if context is None or context_name in seen:
            return {}
        seen.add(context_name)
        out = {name: (context, ext) for name, ext in context.extensions.items()}
        for include in context.includes:
            for name, found in self.options(include, seen).items():
                out.setdefault(name, found)
        return out

    # keys and nodes ------------------------------------------------------------------------
    def key_for(self, jump: Jump, here: tuple) -> tuple | None:
        inst, context, exten, _ = here
        args = inst[-1].args if inst else ()
        target_context = self.subst(jump.context, args) if jump.context else context
        target_exten = self.subst(jump.exten, args) if jump.exten else exten
        priority = self.subst(jump.priority, args) if jump.priority else "1"
        if "${" in f"{target_context}{target_exten}{priority}" or "$[" in f"{target_exten}{priority}":
            return ("dynamic", str(jump))
        found = self.find(target_context, target_exten)
        where = f"{target_context},{target_exten},{priority}"
        if found is None:
            if jump.exten is None and jump.context is None:
                found = self.find(context, exten)
            if found is None:
                if target_context in self.plan.contexts:  # the context is here, the extension is not
                    return self.absent(where, here)
                return ("missing", where)
        ctx, extension = found
        index = extension.index_of(priority)
        if index is None:
            return self.absent(where, here)
        return (inst, ctx.name, extension.name, index)

    def absent(self, where: str, here: tuple) -> tuple:
        """A jump to a label or extension this file does not have: the step at `here` names it."""
        steps = self.extension(here).steps if here[1] in self.plan.contexts else []
        step = steps[here[3]] if here[3] < len(steps) else None
        line, column = (step.line, step.column) if step else (None, None)
        original = f"{step.app}({step.args})" if step and step.app else where
        return ("absent", where, line, column, original)

    def subst(self, text: str, args: tuple) -> str:
        """Routine arguments and [globals] put into a text (other ${...} stay: run-time values)."""
        for name, value in args:
            text = text.replace("${" + name + "}", value)
        if "${" in text:
            for name, value in self.plan.globals.items():
                text = text.replace("${" + name + "}", value)
        return text

    def extension(self, key: tuple) -> Extension:
        return self.plan.contexts[key[1]].extensions[key[2]]

    def node(self, key: tuple | None, trail: tuple = ()) -> str:
        """The node for a dialplan position, skipping silent steps, gotos and calls; built later."""
        if key is None:
            raise AssertionError("no key")
        if key[0] in ("dynamic", "missing", "absent"):
            return self.nowhere(key)
        original = key
        visited = []
        while True:
            if key in self.memo:
                result = self.memo[key]
                break
            if key[0] in ("dynamic", "missing", "absent"):
                result = self.nowhere(key)
                break
            inst, context, exten, index = key
            steps = self.extension(key).steps
            while index < len(steps) and self.silent(steps[index]):
                self.note_script(steps[index], key)
                index += 1
            key = (inst, context, exten, index)
            if key in self.memo:
                result = self.memo[key]
                break
            if key in visited:
                names = " -> ".join(f"{k[1]},{k[2]},{k[3] + 1}" for k in visited)
                step = steps[index] if index < len(steps) else None
                raise ImportFailure(f"a cycle of jumps with nothing in between: {names}",
                                    step.line if step else None, element=f"{context},{exten}")
            visited.append(key)
            if index >= len(steps):
                if inst and inst[-1].ret is not None:
                    key = inst[-1].ret  # the routine ran out of priorities: back to its caller
                    continue
                result = self.reserve(key)
                break
            step = steps[index]
            if step.kind == "goto":
                key = self.key_for(step.then, key)
                continue
            if step.kind == "return":
                key = inst[-1].ret if inst else ("end", key)
                if key[0] == "end":
                    key = (inst, context, exten, len(steps))
                continue
            if step.kind == "call":
                key = self.call(step, key)
                continue
            result = self.reserve(key)
            break
        for seen in visited:
            self.memo.setdefault(seen, result)
        self.memo.setdefault(original, result)
        return result

    def call(self, step: Step, key: tuple) -> tuple:
        inst, context, exten, index = key
        ret = (inst, context, exten, index + 1)
        args = inst[-1].args if inst else ()
        callee = self.subst(step.callee, args) if step.callee else context
        for frame in inst:
            if frame.callee == callee:
                self.draft.warn(f"line {step.line}: {callee} calls itself; the recursive call is drawn as a loop "
                                "back to its start")
                return self.frame_entries[(frame.callee, frame.number)]
        self.frames += 1
        if self.frames > MAX_FRAMES:
            raise ImportFailure(f"macros and Gosub routines expand to more than {MAX_FRAMES} calls", step.line,
                                element=callee)
        target = step.call_target or Jump(callee, "s", "1")
        plain = Jump(callee if target.context is None and step.callee else target.context, target.exten,
                     target.priority)
        context_obj = self.plan.contexts.get(plain.context or context)
        values = [self.subst(a, args) for a in step.call_args]
        if context_obj is not None and context_obj.macro_params is not None:
            names = context_obj.macro_params
        else:
            names = [f"ARG{i + 1}" for i in range(len(values))]
        bound = tuple(zip(names, values)) + tuple((f"ARG{i + 1}", v) for i, v in enumerate(values))
        number = self.instances.get(callee, 0) + 1
        self.instances[callee] = number
        entry_key = self.key_for(plain, (inst, context, exten, index))
        if entry_key[0] in ("dynamic", "missing", "absent"):
            self.draft.warn(f"line {step.line}: {step.app}({step.args}) calls {callee!r}, which is not in the file")
            return ret
        frame = Frame(callee, number, bound, ret)
        entry = (inst + (frame,), entry_key[1], entry_key[2], entry_key[3])
        self.frame_entries[(callee, number)] = entry
        return entry

    def reserve(self, key: tuple) -> str:
        if key in self.memo:
            return self.memo[key]
        if len(self.memo) > MAX_NODES:
            raise ImportFailure(f"the dialplan expands to more than {MAX_NODES} nodes")
        inst, context, exten, index = key
        steps = self.extension(key).steps
        if index < len(steps):
            step = steps[index]
            tail = step.label or str(step.priority or index + 1)
        else:
            tail = "end"
        prefix = f"{inst[-1].callee}-{inst[-1].number}" if inst else context
        readable = {"#": "hash", "*": "star"}.get(exten, exten.replace("#", "hash").replace("*", "star"))
        parts = [prefix] if exten == "s" and not inst else [prefix, readable]
        node_id = self.draft.reserve(*parts, tail, fallback="step")
        self.memo[key] = node_id
        self.queue.append(key)
        return node_id

    def nowhere(self, key: tuple) -> str:
        kind, text = key[:2]
        memo_key = key if kind == "absent" else (kind, text)  # each jump to a missing place is located
        if memo_key in self.memo:
            return self.memo[memo_key]
        if kind == "absent":  # kept dangling: check says unknown-target at the Goto, simulate stops there
            _, _, line, column, original = key
            node_id = self.draft.dangle(text, what=squash(original), origin=(line, column) if line else None)
            self.memo[memo_key] = node_id
            return node_id
        node_id = self.draft.reserve("goto", text)
        if kind == "dynamic":
            self.draft.add(node_id, "transfer", origin_id=f"goto {text}", agent=False,
                           comment="a jump computed at run time", label=f"goto {text} (computed at run time)")
            self.draft.unknown(node_id, "condition", f"where `goto {text}` leads (computed at run time)")
        else:
            self.draft.add(node_id, "transfer", origin_id=f"goto {text}", agent=False,
                           comment="the dialplan jumps to a context or extension that is not in this file",
                           label=f"goto {text} (not in this file)")
            self.draft.warn(f"a jump goes to {text}, which is not in this file")
            self.draft.unknown(node_id, "sub-flow", f"{text} is not in this file")
        self.memo[memo_key] = node_id
        return node_id

    def silent(self, step: Step) -> bool:
        return step.kind == "app" and step.app.lower() in SILENT and not self.tts_script(step)

    def tts_script(self, step: Step) -> bool:
        """An AGI script that reads text aloud (googletts.agi, picotts.agi...)."""
        if step.app.lower() not in ("agi", "eagi", "fastagi"):
            return False
        script = split_args(step.args)[0].strip().strip('"') if step.args else ""
        return bool(_TTS_SCRIPT.search(script.rsplit("/", 1)[-1].split("?")[0]))

    def note_script(self, step: Step, key: tuple) -> None:
        if step.app.lower() in SCRIPTS and id(step) not in self.noted:
            self.noted.add(id(step))
            self.scripts.append(f"{step.app} line {step.line}")

    # running -------------------------------------------------------------------------------
    def run(self, entry: tuple[str, str]) -> None:
        context, exten = entry
        found = self.find(context, exten)
        if found is None:
            raise ImportFailure(f"extension {exten!r} is not in context {context!r}", element=context)
        self.draft.start = self.node(((), found[0].name, found[1].name, 0))
        while self.queue:
            key = self.queue.pop(0)
            self.build(key)
        self.finish_schedules()
        for node in self.draft.nodes.values():  # a message box or callback followed by a bare hang-up just ends
            nxt = self.draft.nodes.get(node.fields.get("next", ""))
            if node.type in ("voicemail", "callback") and nxt is not None and nxt.type == "hangup" \
                    and not nxt.fields.get("prompt"):
                del node.fields["next"]
        if self.scripts:
            self.draft.header.append("scripts the dialplan does not show (AGI, System) are taken to change nothing "
                                     "for the caller: " + ", ".join(self.scripts[:20])
                                     + (" ..." if len(self.scripts) > 20 else ""))
        if self.opaque_apps:
            listed = ", ".join(f"{name} x{count}" if count > 1 else name for name, count in
                               sorted(self.opaque_apps.items()))
            self.draft.warn(f"applications not understood by ivr-lint, imported as opaque steps: {listed}")

    def base(self, key: tuple, step: Step | None, what: str | None = None) -> dict:
        inst, context, exten, index = key
        extension = self.extension(key)
        line = step.line if step else extension.line
        column = step.column if step else extension.column
        where = f"{context}, {exten}, " + (f"priority {step.priority}" if step and step.priority else
                                           (f"step {index + 1}" if step else "end"))
        if step and self.plan.syntax == "AEL":
            where = f"{context}, {exten}, statement {index + 1}"
        if inst:
            where += f" (inlined call {inst[-1].number} of {inst[-1].callee})"
        return {"origin": (line, column), "origin_id": f"{where}: {what or (step.app if step else 'end')}"}

    def next_of(self, key: tuple) -> str:
        inst, context, exten, index = key
        return self.node((inst, context, exten, index + 1))

    def ends_after(self, key: tuple) -> bool:
        """Does the call end right after this step (Hangup, or the end of the extension)?"""
        inst, context, exten, index = key
        steps = self.extension(key).steps
        j = index + 1
        while j < len(steps) and self.silent(steps[j]):
            j += 1
        if j >= len(steps):
            return not inst  # the end of an inlined routine returns to its caller
        step = steps[j]
        return step.kind == "app" and step.app.lower() == "hangup"

    def build(self, key: tuple) -> None:
        node_id = self.memo[key]
        inst, context, exten, index = key
        steps = self.extension(key).steps
        if index >= len(steps):
            self.draft.add(node_id, "hangup", **self.base(key, None, "end of extension"), synthetic=True,
                           comment="no priority left: Asterisk hangs up")
            return
        step = steps[index]
        args = inst[-1].args if inst else ()
        app = step.app.lower()
        args = inst[-1].args if inst else ()
        if step.kind == "gotoif":
            return self.gotoif(node_id, key, step)
        if step.kind in ("gotoiftime",):
            return self.gotoiftime(node_id, key, step)
        if step.kind == "switch":
            return self.switch(node_id, key, step)
        if step.kind == "exectime":
            return self.exectime(node_id, key, step)
        if app in TTS_APPS or self.tts_script(step):
            return self.tts(node_id, key, step, split_args(self.subst(step.args, args)))
        handler = getattr(self, f"app_{app}", None)
        if handler is not None:
            return handler(node_id, key, step, split_args(self.subst(step.args, args)))
        if app in PROMPTS:
            return self.prompt_app(node_id, key, step)
        self.opaque_apps[step.app] = self.opaque_apps.get(step.app, 0) + 1
        self.draft.add(node_id, "play", **self.base(key, step), comment="not understood by ivr-lint: an opaque step",
                       label=f"{step.app}({squash(step.args)[:40]})", next=self.next_of(key))
        self.draft.unknown(node_id, "opaque", f"application {step.app} is not understood")

    # prompts and menus ----------------------------------------------------------------------
    def audio(self, node_id: str, files: str, comment: str = "") -> str:
        names = [f.strip() for f in re.split(r"[&]", files) if f.strip()]
        parts = []
        for name in names:
            what = f"audio prompt '{name}'"
            parts.append(unknown_text(what))
        text = " ".join(parts)
        if comment and names:
            text = unknown_text(f"audio prompt '{'&'.join(names)}' (the dialplan's comment: \"{squash(comment)}\")")
        if names:
            self.draft.unknown(node_id, "audio", "audio prompt " + ", ".join(repr(n) for n in names))
        return text

    def spoken(self, node_id: str, text: str) -> str:
        """Text read aloud, with its run-time values as unknown parts."""
        text = squash(text.strip().strip('"').strip("'").replace("\\,", ","))
        values = re.findall(r"\$\{([^}]*)\}", text)
        if values:
            self.draft.unknown(node_id, "dynamic-prompt", "prompt includes run-time values: "
                               + ", ".join(sorted(set(values))))
        return re.sub(r"\$\{([^}]*)\}", lambda m: unknown_text(f"value of {m.group(1)}"), text)

    def tts(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        """Festival, Flite, eSpeak, PicoTTS... and TTS AGI scripts: the prompt is their text."""
        words = args[1] if self.tts_script(step) and len(args) > 1 else (args[0] if args else "")
        prompt = self.spoken(node_id, words) if words.strip() else None
        self.draft.add(node_id, "play", **self.base(key, step), comment=f"text to speech ({step.app})",
                       prompt=prompt, next=self.next_of(key))

    def prompt_app(self, node_id: str, key: tuple, step: Step) -> None:
        app = step.app.lower()
        args = split_args(self.subst(step.args, key[0][-1].args if key[0] else ())) if step.args else [""]
        if app in ("playback", "controlplayback", "backgrounddetect"):
            prompt = self.audio(node_id, split_args(step.args)[0] if step.args else "", step.comment)
        elif app in ("saydigits", "sayalpha", "sayphonetic") and args[0] and "${" not in args[0]:
            prompt = " ".join(args[0])  # read one character at a time
        elif app == "saynumber" and re.fullmatch(r"-?\d+", args[0]):
            prompt = args[0]
        elif app in ("saydigits", "sayalpha", "sayphonetic", "saynumber") and args[0]:
            prompt = self.spoken(node_id, args[0])
        else:
            prompt = unknown_text(f"{step.app}({squash(step.args)}) read out by Asterisk")
        self.draft.add(node_id, "play", **self.base(key, step), prompt=prompt or None, next=self.next_of(key))

    def app_background(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.menu(node_id, key, step)

    def app_waitexten(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.menu(node_id, key, step)

    def menu(self, node_id: str, key: tuple, step: Step) -> None:
        inst, context, exten, index = key
        steps = self.extension(key).steps
        files, comments = [], []
        j = index
        wait = None
        while j < len(steps):
            current = steps[j]
            name = current.app.lower() if current.kind == "app" else ""
            if name == "background":
                files.append(self.subst(split_args(current.args)[0] if current.args else "",
                                        inst[-1].args if inst else ()))
                if current.comment:
                    comments.append(current.comment)
                j += 1
            elif self.silent(current):
                j += 1
            elif name == "waitexten":
                wait = current
                j += 1
                break
            else:
                break
        every, choices = self.options(context), {}
        for name, found in every.items():
            # a pattern without a wildcard (`_1234`) matches one number: the caller dials it as that extension
            literal = name[1:] if name.startswith("_") and name[1:] and all(c in DTMF for c in name[1:]) else name
            if literal == name or literal not in every:
                choices.setdefault(literal, found)
        keys = {}
        for name, (ctx, ext) in choices.items():
            if len(name) == 1 and name in DTMF:
                keys.setdefault(name, (ctx, ext))
        for name, (ctx, ext) in choices.items():
            regex = pattern_regex(name)
            if regex is not None:
                for digit in DTMF:
                    if regex.match(digit):
                        keys.setdefault(digit, (ctx, ext))
        others = sorted(n for n in choices if (len(n) > 1 or n not in DTMF) and n not in ("i", "t", "h", "s", "o",
                                                                                             "a", "e", "T", "fax")
                        and n != exten)
        has_i, has_t = "i" in choices, "t" in choices
        after_key = (inst, context, exten, j)
        waits = wait is not None or j >= len(steps)
        if (not keys and not has_i and not has_t and wait is None) or not waits or exten in ("i", "t", "h"):
            # a prompt the dialplan goes on from: keys pressed during it still count, but it is a message
            self.draft.add(node_id, "play", **self.base(key, step, "Background"),
                           prompt=self.audio(node_id, "&".join(files), " ".join(comments)) or None,
                           next=self.node(after_key))
            return
        timeout = None
        if wait is not None:
            value = split_args(wait.args)[0] if wait.args else ""
            timeout = float(value) if re.fullmatch(r"\d+(\.\d+)?", value or "") else None
        if timeout is None:
            timeout = self.response_timeout(steps[:index]) or 10
        notes = []
        if wait is None:
            notes.append("Background() ends the extension without WaitExten(): assumed to wait for a key "
                         "(Asterisk's autofallthrough setting decides)")
        if has_t:
            no_input = self.node((inst, choices["t"][0].name, "t", 0))
        else:
            no_input = self.node(after_key)
            notes.append("no `t` extension: silence goes on with the next priority")
        if has_i:
            no_match = self.node((inst, choices["i"][0].name, "i", 0))
        else:
            no_match = self.draft.reserve(node_id, "invalid")
            self.draft.add(no_match, "hangup", **self.base(key, step, "no `i` extension"), synthetic=True,
                           comment="no `i` extension: Asterisk hangs up on a key that matches nothing",
                           label="invalid key: no `i` extension")
        unread = [n for n in others if not all(c in DTMF for c in n)]  # patterns, names: not dialled as keys
        if unread:
            notes.append("also dials extensions " + ", ".join(unread[:12]) + (" ..." if len(unread) > 12 else ""))
        options = {}
        for digit in sorted(keys, key=DTMF.index):
            ctx, ext = keys[digit]
            option = {"next": self.node((inst, ctx.name, ext.name, 0))}
            label = _label(ext.comment)
            if label:
                option["label"] = label
            options[digit] = option
        self.dialled(node_id, key, step, options, {n: choices[n] for n in others}, no_match)
        prompt = self.audio(node_id, "&".join(files), " ".join(comments)) if files else None
        if not options:
            self.draft.add(node_id, "play", **self.base(key, step, "WaitExten" if wait else "Background"),
                           comment=["no one-key extension: nothing to choose"] + notes, prompt=prompt,
                           next=no_input)
            return
        self.draft.add(node_id, "menu", **self.base(key, step, "Background/WaitExten" if files else "WaitExten"),
                       comment=notes, label=context, prompt=prompt, options=options, timeout=timeout, retries=0,
                       on_no_input=no_input, on_no_match=no_match, on_max_retries=no_input)

    def dialled(self, node_id: str, key: tuple, step: Step, options: dict, longer: dict, no_match: str) -> None:
        """Extensions of several digits a caller dials at the menu (`600`, `1234`): their first key
        opens an input of the rest, then a branch on it. Asterisk waits for more digits while some
        extension starts with what was typed; when none comes, the key alone is taken (its own
        extension, else `i`)."""
        inst, context, exten, index = key
        by_first: dict[str, dict[str, tuple]] = {}
        for name, found in longer.items():
            if len(name) > 1 and all(c in DTMF for c in name):
                by_first.setdefault(name[0], {})[name[1:]] = found
        digit_timeout = self.digit_timeout(self.extension(key).steps[:index]) or 5.0
        for first in sorted(by_first, key=DTMF.index):
            rests = by_first[first]
            input_id = self.draft.reserve(node_id, "dial", first)
            branch_id = self.draft.reserve(input_id, "digits")
            variable = f"{context} digits after {first}"
            alone = options.get(first, {}).get("next")
            listed = ", ".join(first + r for r in sorted(rests))
            where = self.base(key, step, f"extensions {listed}")
            self.draft.add(branch_id, "branch", **where, synthetic=True, label=f"{context}: digits after {first}",
                           on=variable, default=no_match,
                           cases={rest: self.node((inst, ctx.name, ext.name, 0)) for rest, (ctx, ext) in
                                  sorted(rests.items())})
            self.draft.add(input_id, "input", **where, label=f"{context}: extensions {listed}",
                           comment=[f"after key {first}, the digits of extensions {listed}",
                                    "no more digits within the digit timeout: the key alone"
                                    + ("" if alone else ", which no extension takes (`i`)")],
                           variable=variable, digits=(min(map(len, rests)), max(map(len, rests))),
                           timeout=digit_timeout, digit_timeout=digit_timeout, retries=0, next=branch_id,
                           on_no_input=alone or no_match, on_invalid=no_match, on_max_retries=no_match)
            options[first] = {**options.get(first, {}), "next": input_id}
        ordered = {digit: options.pop(digit) for digit in sorted(options, key=DTMF.index)}
        options.update(ordered)

    def digit_timeout(self, before: list[Step]) -> float | None:
        for step in reversed(before):
            match = _DIGIT_TIMEOUT.search(step.args) if step.kind == "app" else None
            if match:
                return float(match.group(1))
        return None

    def response_timeout(self, before: list[Step]) -> float | None:
        for step in reversed(before):
            match = _TIMEOUT_SET.search(step.args) if step.kind == "app" else None
            if match:
                return float(match.group(1))
        return None

    def app_read(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        variable = args[0] if args else "input"
        self.read_variables.add(variable.strip())
        files = args[1] if len(args) > 1 else ""
        maximum = int(args[2]) if len(args) > 2 and args[2].isdigit() and int(args[2]) > 0 else None
        attempts = int(args[4]) if len(args) > 4 and args[4].isdigit() else 1
        timeout = float(args[5]) if len(args) > 5 and re.fullmatch(r"\d+(\.\d+)?", args[5]) else None
        nxt = self.next_of(key)
        # `attempts` (Read's 5th argument): with silence the prompt plays that many times, then Read goes on
        comment = "Read() goes on with the next priority even when nothing was entered" + (
            f", after {attempts} attempts" if attempts > 1 else "")
        self.draft.add(node_id, "input", **self.base(key, step), comment=comment,
                       prompt=self.audio(node_id, files, step.comment) or None, variable=variable,
                       digits=(1, maximum) if maximum else None, next=nxt, timeout=timeout,
                       retries=max(0, attempts - 1), on_no_input=nxt if attempts <= 1 else None,
                       on_max_retries=nxt)

    # destinations ---------------------------------------------------------------------------
    def app_queue(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        name = args[0] if args else "queue"
        timeout = float(args[4]) if len(args) > 4 and re.fullmatch(r"\d+", args[4]) else None
        after = None if self.ends_after(key) else self.next_of(key)
        self.draft.add(node_id, "queue", **self.base(key, step),
                       comment="when the queue times out, is full or empty, Queue() returns and the next priority "
                               "runs" if after else "nothing follows Queue(): callers it lets go are hung up",
                       queue=name, max_wait=timeout, congestion=after, on_timeout=after if timeout else None)

    def app_dial(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        destination = args[0] if args else ""
        after = None if self.ends_after(key) else self.next_of(key)
        self.draft.add(node_id, "transfer", **self.base(key, step),
                       comment="Dial() returns when nobody answers or the line is busy" if after else None,
                       number=destination or None, on_failure=after)

    def voicemail(self, node_id: str, key: tuple, step: Step, label: str) -> None:
        after = None if self.ends_after(key) else self.next_of(key)
        self.draft.add(node_id, "voicemail", **self.base(key, step), label=label, next=after)

    def app_voicemail(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        box = args[0] if args else ""
        greeting = {"u": " (unavailable greeting)", "b": " (busy greeting)", "s": ""}
        legacy = re.fullmatch(r"([ubs])(\d.*)", box)  # Asterisk 1.2 style: Voicemail(u2)
        if legacy:
            box = legacy.group(2) + greeting[legacy.group(1)]
        elif len(args) > 1 and args[1][:1] in ("u", "b"):
            box += greeting[args[1][:1]]
        self.voicemail(node_id, key, step, f"voicemail {box}".strip())

    def app_voicemailmain(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.voicemail(node_id, key, step, "mailbox access (VoiceMailMain)")

    def app_hangup(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.draft.add(node_id, "hangup", **self.base(key, step))

    def app_busy(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.draft.add(node_id, "hangup", **self.base(key, step), label=f"{step.app.lower()} tone")

    app_congestion = app_busy

    def app_directory(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.draft.add(node_id, "transfer", **self.base(key, step), label="company directory (dial by name)",
                       comment="the caller spells a name and is put through to that person",
                       on_failure=None if self.ends_after(key) else self.next_of(key))

    def app_confbridge(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.draft.add(node_id, "transfer", **self.base(key, step),
                       label=f"conference {args[0] if args else ''}".strip(),
                       on_failure=None if self.ends_after(key) else self.next_of(key))

    app_meetme = app_confbridge

    def app_execiftime(self, node_id: str, key: tuple, step: Step, args: list[str]) -> None:
        self.opaque_apps[step.app] = self.opaque_apps.get(step.app, 0) + 1
        self.draft.add(node_id, "play", **self.base(key, step), label=f"ExecIfTime({squash(step.args)[:40]})",
                       next=self.next_of(key))

    # decisions -------------------------------------------------------------------------------
    def target(self, jump: Jump | None, key: tuple) -> str:
        inst, context, exten, index = key
        if jump is None:
            return self.node((inst, context, exten, index + 1))
        return self.node(self.key_for(jump, key))

    def gotoif(self, node_id: str, key: tuple, step: Step) -> None:
        args = key[0][-1].args if key[0] else ()
        cond = self.subst(step.cond, args)
        iftime = _IFTIME.match(cond.strip())
        if iftime:  # ${IFTIME(times,days,dates,months?true:false)}: a time condition
            spec, when_in, when_out = split_condition(iftime.group(1) or iftime.group(2))
            inside = _truthy(when_in)
            if inside != _truthy(when_out):
                yes, no = self.target(step.then, key), self.target(step.otherwise, key)
                return self.time_condition(node_id, key, step, spec, *((yes, no) if inside else (no, yes)))
        test = _READ_TEST.fullmatch(_expression(cond))
        if test and test.group(1) in self.read_variables and test.group(3):
            # `${choice} = 1` on what Read() stored: a branch on that input's variable, so the digits decide
            yes, no = self.target(step.then, key), self.target(step.otherwise, key)
            if test.group(2) == "!=":
                yes, no = no, yes
            self.draft.add(node_id, "branch", **self.base(key, step), on=test.group(1),
                           cases={test.group(3): yes}, default=no)
            return
        self.draft.add(node_id, "branch", **self.base(key, step), on=_expression(cond),
                       cases={"true": self.target(step.then, key)}, default=self.target(step.otherwise, key))
        self.condition_unknown(node_id, cond)

    def switch(self, node_id: str, key: tuple, step: Step) -> None:
        args = key[0][-1].args if key[0] else ()
        expression = self.subst(step.cond, args)
        cases = {}
        for value, jump in step.cases:
            cases.setdefault(value, self.target(jump, key))
        read = re.fullmatch(r"\s*\$\{(\w+)\}\s*", expression)
        # a switch on what Read() stored: the branch is on that input's variable, so the caller's digits decide
        on = read.group(1) if read and read.group(1) in self.read_variables else _expression(expression)
        self.draft.add(node_id, "branch", **self.base(key, step, "switch"), on=on,
                       cases=cases or None, default=self.target(step.otherwise, key))
        self.condition_unknown(node_id, expression)

    def condition_unknown(self, node_id: str, condition: str) -> None:
        names = set(re.findall(r"\$\{(\w+)", condition))
        if names and names <= self.read_variables:
            return  # decided by the digits the caller entered
        self.draft.unknown(node_id, "condition", f"dialplan expression {_expression(condition)}")

    def gotoiftime(self, node_id: str, key: tuple, step: Step) -> None:
        yes, no = self.target(step.then, key), self.target(step.otherwise, key)
        self.time_condition(node_id, key, step, step.cond, yes, no)

    def exectime(self, node_id: str, key: tuple, step: Step) -> None:
        """ExecIfTime(...?App(args)): in the window the application runs, then the next priority."""
        after = self.next_of(key)
        if not step.call_args or self.silent(Step("app", step.line, step.column, app=step.call_args[0])):
            inside = after  # an application that changes nothing for the caller
        else:
            app, app_args = step.call_args
            inner = Step("app", step.line, step.column, app=app, args=app_args, priority=step.priority,
                         comment=step.comment)
            inside = self.draft.reserve(node_id, app)
            self.build_step(inside, key, inner)
        self.time_condition(node_id, key, step, step.cond, inside, after)

    def build_step(self, node_id: str, key: tuple, step: Step) -> None:
        """Build one application step at `key`'s place (what follows it is the next priority)."""
        args = key[0][-1].args if key[0] else ()
        app = step.app.lower()
        handler = getattr(self, f"app_{app}", None)
        if app in TTS_APPS or self.tts_script(step):
            return self.tts(node_id, key, step, split_args(self.subst(step.args, args)))
        if handler is not None and app not in ("background", "waitexten"):
            return handler(node_id, key, step, split_args(self.subst(step.args, args)))
        if app in PROMPTS or app == "background":
            return self.prompt_app(node_id, key, step)
        self.opaque_apps[step.app] = self.opaque_apps.get(step.app, 0) + 1
        self.draft.add(node_id, "play", **self.base(key, step), comment="not understood by ivr-lint: an opaque step",
                       label=f"{step.app}({squash(step.args)[:40]})", next=self.next_of(key))
        self.draft.unknown(node_id, "opaque", f"application {step.app} is not understood")

    def time_condition(self, node_id: str, key: tuple, step: Step, cond: str, yes: str, no: str) -> None:
        """A time condition (times, weekdays, dates, months[, zone]): a schedule when it names days and
        hours, a holiday branch when it names dates."""
        cond = self.subst(cond, key[0][-1].args if key[0] else ())
        spec = [p.strip() for p in re.split(r"[,|]", cond)]
        times, days, dates, months = [p or "*" for p in (spec + ["*"] * 4)[:4]]
        zone = spec[4] if len(spec) > 4 and spec[4] else None
        described = f"{times} {days} {dates} {months}"
        what = step.app or "ifTime"
        if _every(dates, "1-31") and _every(months, "jan-dec"):
            schedule = weekly_schedule(times, days, zone)
            if schedule is not None:
                name = self.schedule_name(described, schedule)
                self.draft.add(node_id, "hours", **self.base(key, step, "time condition"),
                               comment=f"{what}({step.cond}): the schedule below is what it states",
                               label=f"time {described}", open=yes, closed=no, schedule=name)
                return
            self.draft.add(node_id, "hours", **self.base(key, step, "time condition"),
                           comment=f"{what}({step.cond}): a daily or weekly window the export does not spell out",
                           label=f"time {described}", open=yes, closed=no)
            self.draft.unknown(node_id, "condition", f"opening window {described} (set at run time)")
            return
        self.draft.add(node_id, "hours", **self.base(key, step, "date condition"),
                       comment=[f"{what}({step.cond}): a date condition; flow format v1 schedules "
                                "have no yearly dates, so its true side is the holiday branch"],
                       label=f"date {described}", open=no, closed=no, holiday=yes)
        self.draft.warn(f"line {step.line}: date condition {described!r} imported as a holiday branch "
                        "(no yearly dates in flow format v1 schedules)")

    def schedule_name(self, described: str, schedule: dict) -> str:
        if described not in self.schedules:
            self.schedules[described] = (f"time-{len(self.schedules) + 1}", schedule)
        return self.schedules[described][0]

    def finish_schedules(self) -> None:
        if not self.schedules:
            return
        if len(self.schedules) == 1:
            (name, schedule), = self.schedules.values()
            self.draft.hours = schedule
            for node in self.draft.nodes.values():
                if node.type == "hours" and node.fields.get("schedule") == name:
                    del node.fields["schedule"]
            return
        for name, schedule in self.schedules.values():
            self.draft.schedules[name] = schedule


def weekly_schedule(times: str, days: str, zone: str | None) -> dict | None:
    """GotoIfTime's times and weekdays as a format-v1 schedule; None when they cannot be read."""
    spans = []
    if times in ("*", ""):
        spans = ["00:00-24:00"]
    else:
        for part in times.split("&"):
            match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", part)
            if not match:
                return None
            h1, m1, h2, m2 = (int(g) for g in match.groups())
            start, end = f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"
            if (h2, m2) == (0, 0):
                end = "24:00"
            if (h1, m1) < (h2, m2) or end == "24:00":
                spans.append(f"{start}-{end}")
            else:  # wraps past midnight
                spans.extend([f"{start}-24:00", f"00:00-{end}"])
    day_spec = "mon-sun" if days in ("*", "") else days.lower().replace("&", ",")
    parts = []
    for part in day_spec.split(","):
        names = [d.strip()[:3] for d in part.split("-")]  # Asterisk reads the first three letters
        if not all(d in _DAYS for d in names) or len(names) > 2:
            return None
        parts.append("-".join(names))
    day_spec = ",".join(parts)
    schedule = {"timezone": zone or "UTC", "weekly": {day_spec: spans}}
    if not zone:
        schedule["timezone#"] = "Asterisk uses the server's local time zone: set it here"
    return schedule


def _every(value: str, whole: str) -> bool:
    """A time condition's dates or months that allow every one (`*`, or the whole range written out)."""
    return value.strip().lower() in ("*", "", whole)


def _truthy(value: str) -> bool:
    """How GotoIf reads a value: empty and 0 are false."""
    return value.strip().strip('"') not in ("", "0")


def _label(comment: str) -> str | None:
    text = squash(comment.strip(" /;*-\"'"))
    if not text or len(text) > 60:
        return None
    return text


#: `${choice} = 1`, `"${choice}" == "1"`, `${choice} != 2`: a variable tested against one value
_READ_TEST = re.compile(r"""\s*"?\$\{(\w+)\}"?\s*(==|=|!=)\s*"?([\w*#]*)"?\s*""")


def _expression(text: str) -> str:
    text = squash(text)
    match = re.fullmatch(r"\$\[\s*(.*?)\s*\]", text)
    return match.group(1) if match else text

