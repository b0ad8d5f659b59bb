"""A file's findings moved, not recomputed, when an edit only moved its lines.

Adding or removing a comment or a blank line above the nodes moves every node, and with
them every finding, but changes no verdict: the rules see a model (they never read the
text, see `ivr_lint.rules.base`) and the engine places their reports from the model's
positions. So when the file built after an edit is the file built before it, position for
position once lines are mapped through the edit (old line -> new line), and what else the
rules see is the same (the config, the other files of the check, the same objects), its
findings are the last ones with their lines mapped: exactly what the rules would say
(tests/server/test_reuse.py compares with a fresh check after random edits).

The comparison is strict: a position on a line the edit touched, a message that names a
line ("first at line 12"), any value that differs, and the check runs. Line 1 must be
outside the edit: a report with no place goes to 1:1, which no edit moves.
"""

from __future__ import annotations

import dataclasses
import datetime
from functools import cached_property

from ivr_lint.findings import Finding, Pos

#: characters other than "\n" that Python (splitlines) or YAML count as a line break
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclasses.dataclass(frozen=True)
class LineShift:
    """Lines 1..`kept` are unchanged, old lines after `old_end` are `delta` lines further;
    old lines `kept`+1..`old_end` were replaced (they have no new line)."""

    kept: int
    old_end: int
    delta: int

    def __call__(self, line: int) -> int | None:
        if line <= self.kept:
            return line
        if line > self.old_end:
            return line + self.delta
        return None


def line_shift(old: str, new: str) -> LineShift | None:
    """How an edit from `old` to `new` moved lines when it replaced one run of whole lines
    that are blank or comments by another (either may be empty), below line 1; None for
    any other edit (the model would differ: not worth comparing) and for equal texts."""
    if old == new or any(other in old or other in new for other in _OTHER_BREAKS):
        return None
    shortest = min(len(old), len(new))
    same = _common_start(old, new, shortest)
    start = old.rfind("\n", 0, same) + 1  # where the first changed line starts
    room = shortest - start
    tail = _common_start(old[::-1], new[::-1], room) if room else 0
    end_old, end_new = len(old) - tail, len(new) - tail
    if old[end_old - 1:end_old] != "\n" or new[end_new - 1:end_new] != "\n":  # the common end, from a line's
        step = old.find("\n", end_old)  # start in both (one step for both: they are equal there)
        step = len(old) - end_old if step == -1 else step + 1 - end_old
        end_old, end_new = end_old + step, end_new + step
    kept = old.count("\n", 0, start)
    if kept < 1 or not _ignorable(old[start:end_old]) or not _ignorable(new[start:end_new]):
        return None
    return LineShift(kept, old.count("\n", 0, end_old) if end_old < len(old) else old.count("\n") + 1,
                     new.count("\n") - old.count("\n"))


def _common_start(a: str, b: str, limit: int, block: int = 4096) -> int:
    """The length of the common start of `a` and `b`, at most `limit`: compared a block at a
    time, then halving within the block that differs (slices compared in C)."""
    done = 0
    while done + block <= limit and a[done:done + block] == b[done:done + block]:
        done += block
    high = min(done + block, limit)
    while done < high:  # a[:done] == b[:done]; the first difference is before `high`
        middle = (done + high + 1) // 2
        if a[done:middle] == b[done:middle]:
            done = middle
        else:
            high = middle - 1
    return done


def _ignorable(lines: str) -> bool:
    """Only blank lines and comments (what they mean still depends on where they are)."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in lines.split("\n"))


def same_moved(old: object, new: object, shift: LineShift, file: str) -> bool:
    """Whether `new` is `old` with every position in `file` (a Pos whose file is None or
    `file`) moved by `shift`; values computed on demand (cached_property) are not compared."""
    return _same(old, new, shift, file, set())


#: values with no position inside, compared with ==
_ATOMS = frozenset((str, int, float, bool, type(None), bytes, complex, datetime.date, datetime.datetime,
                    datetime.time, datetime.timedelta))
_FINDING_FIELDS = tuple(f.name for f in dataclasses.fields(Finding) if f.name != "line")
_COMPUTED: dict[type, frozenset[str]] = {}


def _computed(kind: type) -> frozenset[str]:
    """The names of a class's cached_property values (computed on demand, not compared)."""
    names = _COMPUTED.get(kind)
    if names is None:
        names = _COMPUTED[kind] = frozenset(name for klass in kind.__mro__ for name, value in vars(klass).items()
                                            if isinstance(value, cached_property))
    return names


def _same(old, new, shift: LineShift, file: str, seen: set) -> bool:
    kind = type(old)
    if kind is not type(new):
        return False
    if kind in _ATOMS:
        return old == new
    if kind is Pos:
        return _same_pos(old, new, shift, file)
    if isinstance(old, (int, str)):  # an enum over a number or a text: compared as values
        return old == new
    pair = (id(old), id(new))
    if pair in seen:  # a cycle: equal unless something else differs
        return True
    seen.add(pair)
    if kind is dict:
        return list(old) == list(new) and _same_values(old.values(), new.values(), shift, file, seen)
    if kind is list or kind is tuple:
        return len(old) == len(new) and _same_values(old, new, shift, file, seen)
    if kind is set or kind is frozenset:  # only of plain values: a position in one could not be mapped
        return old == new and all(type(item) in _ATOMS for item in old)
    if kind is Finding:  # (a load finding: its line is a number, not a Pos)
        if (shift(old.line) if old.file == file else old.line) != new.line:
            return False
        return all(_same(getattr(old, name), getattr(new, name), shift, file, seen) for name in _FINDING_FIELDS)
    state = getattr(old, "__dict__", None)
    if state is None:
        return False  # nothing we can see inside: take it as different
    other = new.__dict__
    computed = _computed(kind)
    if computed:
        state = {name: value for name, value in state.items() if name not in computed}
        other = {name: value for name, value in other.items() if name not in computed}
    if state.keys() != other.keys():
        return False
    return _same_values(state.values(), (other[name] for name in state), shift, file, seen)


def _same_pos(old: Pos, new: Pos, shift: LineShift, file: str) -> bool:
    if old.column != new.column or old.file != new.file:
        return False
    if old.file is None or old.file == file:
        return shift(old.line) == new.line
    return old.line == new.line


def _same_values(olds, news, shift: LineShift, file: str, seen: set) -> bool:
    """Pairwise `_same`, with the commonest values (plain ones, positions) inlined."""
    atoms = _ATOMS
    for old, new in zip(olds, news):
        kind = type(old)
        if kind in atoms:
            if kind is not type(new) or old != new:
                return False
        elif kind is Pos:
            if type(new) is not Pos or old.column != new.column or old.file != new.file:
                return False
            line = old.line
            if old.file is None or old.file == file:  # (LineShift.__call__, inlined)
                line = line if line <= shift.kept else line + shift.delta if line > shift.old_end else None
            if line != new.line:
                return False
        elif not _same(old, new, shift, file, seen):
            return False
    return True


def moved_findings(findings: list[Finding], shift: LineShift, file: str) -> list[Finding] | None:
    """Copies of `findings` with the lines in `file` mapped; None if one is on a replaced line."""
    moved = []
    for finding in findings:
        line = shift(finding.line) if finding.file == file else finding.line
        if line is None:
            return None
        moved.append(copied(finding, line))
    return moved


def copied(finding: Finding, line: int | None = None) -> Finding:
    """A copy the engine's later steps may change (gathering inherited findings edits the
    message and the `inherited_by` list) without changing the original."""
    extra = {key: list(value) if isinstance(value, list) else value for key, value in finding.extra.items()}
    return dataclasses.replace(finding, line=finding.line if line is None else line, extra=extra,
                               path=list(finding.path) if finding.path is not None else None)
