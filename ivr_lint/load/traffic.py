"""The traffic file: calls, staff and caller behaviour for one flow, read with positions.

The file is validated against its JSON Schema (`load.schema`) node by node, then turned into
a `Traffic`; every mistake is reported at its line and column, and a file with any mistake
is refused whole (the model never runs on half a file). Its top-level key is `traffic:`,
never `ivr:` or `journeys:`, so `check` and `test` never take it for a flow or a journey file.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import yaml

from ivr_lint.findings import Finding, Pos
from ivr_lint.load.schema import Problem, Validator, mapping_items, scalar, traffic_schema
from ivr_lint.loading.source import ContentError, InputError, decode, read_bytes
from ivr_lint.loading.yamlparse import compose
from ivr_lint.model.builder import parse_days, pos_of
from ivr_lint.text.quoting import quote

DEFAULT_INTERVAL = 30
DEFAULT_WAIT_ABOVE = 300.0
DEFAULT_ANSWERED_WITHIN = (20.0, 60.0)
#: weekday (0 = Monday) or a date -> interval start (minutes) -> a number per interval
DayTable = dict[Any, dict[int, float]]


class TrafficError(Exception):
    """The traffic file cannot be used; `problems` are (message, file, line, column)."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(f"{f.file}:{f.line}:{f.column}: {f.message}" for f in findings))
        self.findings = findings


@dataclass(frozen=True)
class Handling:
    """Talk plus wrap-up time: exponential with this mean, or log-normal when `spread` is set."""

    mean: float
    spread: float | None = None


@dataclass(frozen=True)
class Congestion:
    wait_above: float | None = DEFAULT_WAIT_ABOVE
    queue_above: int | None = None


@dataclass
class Traffic:
    file: str  # the name messages use
    path: str | None
    flow: str  # the flow file's path, resolved against the traffic file's folder
    interval: int = DEFAULT_INTERVAL
    start: date | None = None
    end: date | None = None  # included
    calls: DayTable = field(default_factory=dict)
    handling: dict[str, Handling] = field(default_factory=dict)
    staff: dict[str, DayTable] = field(default_factory=dict)
    patience: dict[str, float | None] = field(default_factory=dict)
    choices: dict[str, dict[str, float]] = field(default_factory=dict)
    congestion: dict[str, Congestion] = field(default_factory=dict)
    callback_answered: float = 0.8
    callback_delay: float = 3600.0
    callback_queue: str | None = None
    answered_within: tuple[float, ...] = DEFAULT_ANSWERED_WITHIN
    targets: dict[str, str] = field(default_factory=dict)
    #: dotted place ("staff.advisors", "choices.main-menu.1", "calls") -> where it is written
    positions: dict[str, Pos] = field(default_factory=dict)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def calls_at(self, day: date, minute: int) -> float:
        table = self.calls.get(day) if day in self.calls else self.calls.get(day.weekday(), {})
        return table.get(minute, 0.0)

    def staff_at(self, queue: str, day: date, minute: int) -> float:
        tables = self.staff.get(queue)
        if tables is None:
            return 0.0
        table = tables.get(day) if day in tables else tables.get(day.weekday(), {})
        return table.get(minute, 0.0)

    def handling_for(self, queue: str) -> Handling:
        return self.handling.get(queue) or self.handling.get("default") or Handling(300.0)

    def patience_for(self, queue: str) -> float | None:
        if queue in self.patience:
            return self.patience[queue]
        return self.patience.get("default")

    @property
    def ivr_patience(self) -> float | None:
        return self.patience.get("ivr")

    def congestion_for(self, queue: str) -> Congestion:
        return self.congestion.get(queue) or self.congestion.get("default") or Congestion()

    def where(self, place: str) -> Pos:
        while place and place not in self.positions:
            place = place.rpartition(".")[0]
        return self.positions.get(place, Pos(1, 1))


def next_full_week(today: date) -> tuple[date, date]:
    monday = today + timedelta(days=7 - today.weekday())
    return monday, monday + timedelta(days=6)


def read_traffic(path: str, today: date | None = None) -> Traffic:
    """Read and validate a traffic file; raise InputError when unreadable, TrafficError when wrong."""
    data = read_bytes(path)
    name = path
    try:
        text = decode(data)
        root = compose(text)
    except ContentError as error:
        raise TrafficError([Finding("syntax-error", str(error), name, error.pos.line, error.pos.column)]) from None
    return build_traffic(root, name, path, today or date.today())


def build_traffic(root: yaml.Node | None, name: str, path: str | None, today: date) -> Traffic:
    if root is None:
        raise TrafficError([Finding("schema-error", "empty traffic file: it starts with `traffic: 1` and `flow:`",
                                    name, 1, 1)])
    if isinstance(root, yaml.MappingNode) and any(k.value == "ivr" for k, _ in mapping_items(root)):
        raise TrafficError([Finding("schema-error", "this is a flow, not a traffic file: give the flow's traffic "
                                    "file, or write one with `ivr-lint load FLOW --template`", name, 1, 1)])
    validator = Validator(traffic_schema())
    validator.validate(root, traffic_schema(), "the traffic file")
    reader = _Reader(name, path, validator.problems)
    if not validator.problems:
        traffic = reader.read(root, today)
    if reader.problems:
        raise TrafficError([Finding("schema-error", p.message, name, p.pos.line, p.pos.column)
                            for p in sorted(reader.problems, key=lambda p: (p.pos.line, p.pos.column))])
    return traffic


class _Reader:
    """Turns a schema-valid node tree into a `Traffic`, checking what the schema cannot."""

    def __init__(self, name: str, path: str | None, problems: list[Problem]):
        self.name, self.path, self.problems = name, path, problems

    def fail(self, message: str, node: yaml.Node | Pos) -> None:
        self.problems.append(Problem(message, node if isinstance(node, Pos) else pos_of(node)))

    def read(self, root: yaml.MappingNode, today: date) -> Traffic:
        top = {k.value: (k, v) for k, v in mapping_items(root)}
        folder = os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()
        flow_path = scalar(top["flow"][1])
        base = os.path.dirname(self.path) if self.path else ""
        traffic = Traffic(file=self.name, path=self.path, flow=os.path.normpath(os.path.join(base, flow_path)))
        for key, (key_node, value) in top.items():
            traffic.positions[key] = pos_of(key_node)
            if isinstance(value, yaml.MappingNode):
                for inner, _ in mapping_items(value):
                    traffic.positions[f"{key}.{inner.value}"] = pos_of(inner)
        traffic.positions["flow"] = pos_of(top["flow"][1])
        if "interval" in top:
            traffic.interval = scalar(top["interval"][1])
        self.period(traffic, top.get("period"), today)
        if "calls" in top:
            traffic.calls = self.day_table(top["calls"][1], traffic, "calls", "`calls`")
        if "calls_csv" in top:
            if "calls" in top:
                self.fail("give `calls` or `calls_csv`, not both", top["calls_csv"][0])
            else:
                traffic.calls = self.calls_csv(top["calls_csv"][1], folder, traffic)
        if "calls" not in top and "calls_csv" not in top:
            self.fail("the traffic file gives no calls: add `calls` (per weekday) or `calls_csv` (a platform report)",
                      root)
        for key, value in self.items(top, "handling_time"):
            if isinstance(value, yaml.MappingNode):
                fields = {k.value: scalar(v) for k, v in mapping_items(value)}
                traffic.handling[key] = Handling(float(fields["mean"]), fields.get("spread"))
            else:
                traffic.handling[key] = Handling(float(scalar(value)))
        for key, value in self.items(top, "staff"):
            traffic.staff[key] = self.day_table(value, traffic, f"staff.{key}", f"`staff` of {quote(key)}")
        for key, value in self.items(top, "patience"):
            traffic.patience[key] = None if scalar(value) is None else float(scalar(value))
        for key, value in self.items(top, "choices"):
            shares = {}
            for share_key, share in mapping_items(value):
                shares[share_key.value] = float(scalar(share))
                traffic.positions[f"choices.{key}.{share_key.value}"] = pos_of(share_key)
            if sum(shares.values()) > 1.0 + 1e-9:
                self.fail(f"the shares of `choices` of {quote(key)} add up to {sum(shares.values()):.3g}, "
                          "more than 1", value)
            traffic.choices[key] = shares
        for key, value in self.items(top, "congestion"):
            fields = {k.value: scalar(v) for k, v in mapping_items(value)}
            if "wait_above" in fields and "queue_above" in fields:
                self.fail(f"`congestion` of {quote(key)}: give `wait_above` or `queue_above`, not both", value)
            traffic.congestion[key] = Congestion(
                wait_above=None if "queue_above" in fields else float(fields.get("wait_above", DEFAULT_WAIT_ABOVE)),
                queue_above=fields.get("queue_above"))
        if "callbacks" in top:
            fields = {k.value: scalar(v) for k, v in mapping_items(top["callbacks"][1])}
            traffic.callback_answered = float(fields.get("answered", traffic.callback_answered))
            traffic.callback_delay = float(fields.get("delay", traffic.callback_delay))
            traffic.callback_queue = fields.get("queue")
        if "answered_within" in top:
            traffic.answered_within = tuple(sorted(float(scalar(v)) for v in top["answered_within"][1].value))
        if "targets" in top:
            traffic.targets = {k.value: str(scalar(v)) for k, v in mapping_items(top["targets"][1])}
        return traffic

    def items(self, top: dict, key: str) -> list[tuple[str, yaml.Node]]:
        if key not in top:
            return []
        return [(k.value, v) for k, v in mapping_items(top[key][1])]

    def period(self, traffic: Traffic, entry: tuple | None, today: date) -> None:
        if entry is None:
            traffic.start, traffic.end = next_full_week(today)
            return
        fields = {k.value: (k, v) for k, v in mapping_items(entry[1])}
        start = self.date(fields["start"][1])
        if start is None:
            return
        end = start + timedelta(days=6)
        if "end" in fields and "days" in fields:
            self.fail("`period`: give `end` or `days`, not both", fields["days"][0])
        elif "end" in fields:
            end = self.date(fields["end"][1]) or end
            if end < start:
                self.fail(f"`period` ends ({end}) before it starts ({start})", fields["end"][1])
        elif "days" in fields:
            end = start + timedelta(days=scalar(fields["days"][1]) - 1)
        traffic.start, traffic.end = start, end

    def date(self, node: yaml.Node) -> date | None:
        try:
            return date.fromisoformat(node.value)
        except ValueError:
            self.fail(f"{node.value!r} is not a date (YYYY-MM-DD)", node)
            return None

    def day_table(self, node: yaml.MappingNode, traffic: Traffic, place: str, where: str) -> DayTable:
        table: DayTable = {}
        given: dict[Any, str] = {}
        for key_node, value in mapping_items(node):
            key = key_node.value
            traffic.positions[f"{place}.{key}"] = pos_of(key_node)
            if key[:1].isdigit():
                day = self.date(key_node)
                targets: list[Any] = [day] if day is not None else []
            else:
                targets = parse_days(key) or []
            twice = [t for t in targets if t in given]
            if twice:
                self.fail(f"{where}: {key!r} gives again a day already given by {given[twice[0]]!r}; give each day once",
                          key_node)
                continue
            ranges = self.ranges(value, traffic.interval, f"{where} for {key!r}")
            for target in targets:
                given[target] = key
                table[target] = ranges
                traffic.positions[f"{place}.@{target}"] = pos_of(key_node)
        return table

    def ranges(self, node: yaml.MappingNode, interval: int, where: str) -> dict[int, float]:
        out: dict[int, float] = {}
        for key_node, value in mapping_items(node):
            span = _minutes(key_node.value)
            if span is None:
                self.fail(f"{where}: {key_node.value!r} is not a time or a range \"HH:MM-HH:MM\" (start before end, "
                          "00:00 to 24:00)", key_node)
                continue
            start, end = span if span[1] is not None else (span[0], span[0] + interval)
            if start % interval or end % interval:
                self.fail(f"{where}: {key_node.value!r} does not fall on {interval}-minute intervals "
                          f"(they start at :00{', :30' if interval == 30 else ', :15, :30, :45' if interval == 15 else ''})",
                          key_node)
                continue
            for minute in range(start, end, interval):
                if minute in out:
                    self.fail(f"{where}: {key_node.value!r} overlaps another range", key_node)
                    break
                out[minute] = float(scalar(value))
        return out

    def calls_csv(self, node: yaml.MappingNode, folder: str, traffic: Traffic) -> DayTable:
        fields = {k.value: scalar(v) for k, v in mapping_items(node)}
        file_node = next(v for k, v in mapping_items(node) if k.value == "file")
        shown = fields["file"]
        csv_path = shown if os.path.isabs(shown) else os.path.join(folder, shown)
        try:
            text = decode(read_bytes(csv_path))
        except (InputError, ContentError) as error:
            self.fail(f"`calls_csv`: cannot read {quote(shown)}: {error}", file_node)
            return {}
        columns = {"date": fields.get("date"), "weekday": fields.get("weekday"),
                   "start": fields.get("start", "interval"), "offered": fields.get("offered", "offered")}
        reader = csv.DictReader(io.StringIO(text), delimiter=fields.get("delimiter", ",") or ",")
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        if columns["date"] is None and columns["weekday"] is None:
            columns["date"] = next((h for h in header if h.lower() in ("date", "day", "jour")), None)
            columns["weekday"] = next((h for h in header if h.lower() in ("weekday", "jour de la semaine")), None)
        missing = [f"{role} column {quote(col)}" for role, col in columns.items() if col is not None and col not in header]
        if columns["date"] is None and columns["weekday"] is None:
            missing.append("a date or weekday column (name it with `date:` or `weekday:`)")
        if missing:
            self.fail(f"`calls_csv`: {shown} has no {', no '.join(missing)} (its columns: {', '.join(header)})", node)
            return {}
        by_date: dict[date, dict[int, float]] = {}
        sums: dict[int, dict[int, list[float]]] = {}
        for number, row in enumerate(reader, start=2):
            where = f"{shown}:{number}"
            minute = _minutes((row.get(columns["start"]) or "").strip()[:5])
            try:
                offered = float((row.get(columns["offered"]) or "").strip().replace(",", ".") or "nan")
            except ValueError:
                offered = float("nan")
            if minute is None or minute[0] % traffic.interval or not offered >= 0:
                self.fail(f"`calls_csv`: {where}: cannot read the interval start {row.get(columns['start'])!r} "
                          f"or the calls offered {row.get(columns['offered'])!r} "
                          f"(on {traffic.interval}-minute intervals)", node)
                return {}
            if columns["date"] is not None:
                day = _csv_date((row.get(columns["date"]) or "").strip())
                if day is None:
                    self.fail(f"`calls_csv`: {where}: {row.get(columns['date'])!r} is not a date", node)
                    return {}
                by_date.setdefault(day, {})[minute[0]] = offered
                weekday = day.weekday()
            else:
                weekday = _weekday((row.get(columns["weekday"]) or "").strip())
                if weekday is None:
                    self.fail(f"`calls_csv`: {where}: {row.get(columns['weekday'])!r} is not a weekday", node)
                    return {}
            sums.setdefault(weekday, {}).setdefault(minute[0], []).append(offered)
        table: DayTable = {weekday: {minute: sum(v) / len(v) for minute, v in minutes.items()}
                           for weekday, minutes in sums.items()}
        table.update(by_date)  # a day of the report wins over the weekday's average
        return table


def _minutes(text: str) -> tuple[int, int | None] | None:
    """'09:00-12:00' -> (540, 720); '09:00' -> (540, None); None when unreadable."""
    first, dash, last = text.partition("-")
    times = []
    for part in (first, last) if dash else (first,):
        hours, colon, minutes = part.strip().partition(":")
        if not (colon and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            return None
        value = int(hours) * 60 + int(minutes)
        if int(minutes) > 59 or value > 24 * 60:
            return None
        times.append(value)
    if dash and times[0] >= times[1]:
        return None
    return (times[0], times[1] if dash else None)


def _csv_date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
    return None


_WEEKDAYS = {name: i for i, names in enumerate((
    ("mon", "monday", "lun", "lundi"), ("tue", "tuesday", "mar", "mardi"), ("wed", "wednesday", "mer", "mercredi"),
    ("thu", "thursday", "jeu", "jeudi"), ("fri", "friday", "ven", "vendredi"), ("sat", "saturday", "sam", "samedi"),
    ("sun", "sunday", "dim", "dimanche"))) for name in names}


def _weekday(text: str) -> int | None:
    return _WEEKDAYS.get(text.lower().rstrip("."))
