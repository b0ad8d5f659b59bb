"""Parse YAML text into PyYAML's node tree, which keeps every value's line and column.

We stop at the *node* stage (compose) on purpose: nodes carry positions for keys and
values without writing anything into the user's data, tags are never turned into
Python objects (safe by construction), and duplicate keys are still visible.

libyaml's composer recurses once per nesting level, which overflows the C stack
(a crash, not an exception) near 30,000 levels and takes quadratic time well before.
Cheap upper bounds on the depth let ordinary files go straight to the fast composer;
suspicious ones are measured exactly from the event stream first. A file that may nest
deeper than any thread's stack holds is composed in a thread with a large stack.
"""

from __future__ import annotations

import re
import threading

import yaml

from ivr_lint.findings import Pos
from ivr_lint.loading.merges import may_merge, merge_budget, resolve_merges
from ivr_lint.loading.source import ContentError

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 200
_CHEAP_DEPTH_BOUND = 20_000
_COMPOSER_STACK = 64 * 1024 * 1024
#: nesting any thread's stack holds (a Windows main thread has 1 MiB, libyaml takes a few
#: hundred bytes a level): a file that cannot nest deeper is composed where it is read,
#: since starting a thread with a large stack costs more than composing a small file
#: (two-thirds of a millisecond: 0.7 s of a check of 1,000 files chained by goto)
_SHALLOW = 1_000

_HINTS = {
    "did not find expected key": "check the indentation of this line and the one above",
    "mapping values are not allowed here": "a value containing ': ' must be quoted",
    "found duplicate anchor": "each anchor (&name) must be defined once",
    "found undefined alias": "an alias (*name) must follow its anchor (&name)",
}


def compose(text: str) -> yaml.Node | None:
    """Return the document's root node (None for an empty document).

    Merge keys (`<<`) are applied once, within a budget (see `merges`). Raises
    ContentError with the parser's position for invalid YAML, multiple documents,
    nesting deeper than MAX_DEPTH, a recursive merge or merges that expand too much.
    """
    longest = max((len(line) for line in text.splitlines()), default=0)
    bound = longest + text.count("[") + text.count("{")
    if bound > _CHEAP_DEPTH_BOUND and longest + _flow_depth_bound(text) > _CHEAP_DEPTH_BOUND:
        _check_depth(text)
    result: dict = {}

    def run() -> None:
        try:
            result["node"] = yaml.compose(text, Loader=_Loader)
        except yaml.YAMLError as error:
            result["error"] = error
        except RecursionError:  # pure-Python composer on a deep file
            result["error"] = ContentError(f"nesting deeper than {MAX_DEPTH} levels", Pos(1, 1))

    if bound <= _SHALLOW:
        run()  # cannot nest deeper than any thread's stack holds: no thread to start and join
    else:
        previous = threading.stack_size(_COMPOSER_STACK)
        try:
            worker = threading.Thread(target=run, name="yaml-compose")
            worker.start()
        finally:
            threading.stack_size(previous)
        worker.join()
    error = result.get("error")
    if isinstance(error, ContentError):
        raise error
    if error is not None:
        raise _content_error(error, text)
    root = result.get("node")
    if may_merge(text):
        resolve_merges(root, merge_budget(text))
    return root


# A quoted scalar starts only where a token can (after a space or a flow indicator), so an
# apostrophe inside a word ("l'après-midi") is not a quote; comments start after a space.
_FLOW_TOKENS = re.compile(
    r'"(?<![^\s\[{,:]")[^"\\]*(?:\\.[^"\\]*)*"'  # the look-behinds follow the quote: cheap to scan;
    r"|'(?<![^\s\[{,:]')[^']*(?:''[^']*)*'"  # the quoted text read a run at a time (unrolled loops)
    r"|#(?<!\S#)[^\n]*"
    r"|[\[\]{}]"
)


def _flow_depth_bound(text: str) -> int:
    """The deepest nesting of flow collections ([ ], { }), or more, never less.

    Block nesting needs one column per level, so the longest line bounds it; flow nesting
    needs an open bracket per level. Brackets inside quoted scalars and comments are
    skipped; inside flow collections a closing bracket is always real (plain scalars
    cannot hold one there), so the running balance of the others is the flow depth.
    """
    depth = deepest = 0
    for token in _FLOW_TOKENS.findall(text):
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
    return deepest


def _check_depth(text: str) -> None:
    depth = 0
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, starts):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise ContentError(
                        f"nesting deeper than {MAX_DEPTH} levels: not a flow file",
                        Pos(mark.line + 1, mark.column + 1),
                    )
            elif isinstance(event, ends):
                depth -= 1
    except yaml.YAMLError as error:
        raise _content_error(error, text) from None


def _content_error(error: yaml.YAMLError, text: str) -> ContentError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    pos = Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos(1, 1)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if "expected a single document" in f"{context} {problem}":
        message = "several YAML documents in one file: put one flow per file"
    else:
        message = f"{context} {problem}" if context and "while" not in context else problem
        if context and "while" in context:
            message = f"{problem} ({context})"
    for needle, hint in _HINTS.items():
        if needle in message:
            message = f"{message}; {hint}"
    if mark is not None and mark.index < len(text) and text[mark.index] == "\t":
        message = f"{message}; YAML does not allow tabs for indentation: use spaces"
    return ContentError(message, pos)
