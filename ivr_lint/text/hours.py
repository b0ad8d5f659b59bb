"""Opening hours said in a prompt, read back into a weekly schedule.

The ``hours-mismatch`` rule (charter commitment M8) compares what a prompt tells the caller
("du lundi au vendredi de 8h30 à 12h", "Monday to Friday from 8am to 6:30pm") with the
schedule the flow runs on. A wrong reading would raise a false error on a correct flow, so the
parser is deliberately timid: anything it cannot read with confidence makes
:func:`parse_spoken_hours` return ``None`` rather than a guess.

What it reads (French and English): day names, day ranges and lists ("du lundi au jeudi",
"lundi, mercredi et vendredi", "Mondays to Thursdays", "Mon-Fri"), "en semaine"/"weekdays",
"le week-end", "tous les jours"/"every day", "7j/7", "24h/24", "24/7"; time ranges
("de 8h30 à 12h", "8 h - 12 h", "entre 8:00 et 18:00", "de 8 heures 30 à midi", "9am-5pm",
"from 9 a.m. to noon", "between 8:00 and 18:00", "weekdays 9 to 5"); closed days ("fermé le
week-end", "Saturday: closed"); exceptions ("sauf le mercredi", "except Wednesdays"); and a
closure inside the day ("fermé de 12h à 14h"). It ignores sentences about something else than
the regular opening hours: callbacks, appointments, waiting times and quieter hours, delays
("rappel sous 48 heures"), dated or seasonal hours ("le 24 décembre", "en août", "today").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping

from ivr_lint.text import _lazy
from ivr_lint.text._memo import reader
from ivr_lint.text.spoken import number_words

__all__ = ["Interval", "SpokenHours", "TimeMention", "find_time_mentions", "format_hours", "format_intervals",
           "parse_spoken_hours"]

Interval = tuple[int, int]
"""Minutes since midnight, [start, end); an end of 1440 is midnight at the end of the day."""

_DAY = 24 * 60
_EARLIEST_OPENING = 5 * 60  # a range starting earlier is a duration ("de 2 à 3 heures")


@dataclass(frozen=True)
class SpokenHours:
    """Opening hours read from a prompt.

    ``days`` maps a weekday (0 = Monday ... 6 = Sunday) to its opening intervals, sorted, for
    the days the text names; a day said to be closed maps to ``()``.

    ``times`` holds the intervals said with no day at all ("de 9h à 17h", "between 8:00 and
    18:00"): they apply to every day the flow's schedule opens that ``days`` does not name.
    So "ouvert de 9h à 17h, fermé le week-end" gives ``days={5: (), 6: ()}`` and
    ``times=((540, 1020),)``. At least one of ``days`` and ``times`` is not empty.

    ``start`` and ``end`` are the character span of the hours statement in the text: from the
    first to the last day or time expression read, across sentences when the hours are spread
    over several.

    Touching intervals are merged ("de 9h à 12h et de 12h à 17h" is 09:00-17:00).

    ``whole_week`` is true when the text gives the week's hours as a range or list of days
    ("du lundi au jeudi de 9h à 17h", "lundi, mardi et jeudi ..."): a listener takes the days
    it leaves out to be closed. Hours said for one day in a sentence of its own ("le samedi,
    de 9h à 12h") leave the other days unsaid.
    """

    days: Mapping[int, tuple[Interval, ...]]  # read-only: answers are shared (see `_memo`)
    start: int
    end: int
    times: tuple[Interval, ...] = field(default=())
    whole_week: bool = False


class _Unreadable(Exception):
    """Hours are being stated but not in a way we can read without guessing."""


def _is_en(lang: str) -> bool:
    return lang[:2].lower() == "en"


# --- normalising ------------------------------------------------------------------------------

_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def _normalise(text: str) -> str:
    """Lower case and straight apostrophes; same length, so spans index the original text."""
    out = text.translate(_SAME_LENGTH)
    lowered = out.lower()
    if len(lowered) != len(out):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in out)
    return lowered


# --- vocabulary -------------------------------------------------------------------------------


def _word_table(lang: str, upto: int, feminine: bool) -> dict[str, int]:
    table = {}
    for n in range(1, upto + 1):
        table[" ".join(number_words(n, lang))] = n
        if feminine:
            table[" ".join(number_words(n, lang, feminine=True))] = n
    return table


def _alternation(words: object) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_FR_WORD_HOURS = _word_table("fr", 24, True)
_FR_WORD_MINUTES = _word_table("fr", 59, False)
_EN_WORD_HOURS = _word_table("en", 12, False)
_EN_WORD_MINUTES = _word_table("en", 59, False)

_FR_DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_EN_DAY_PREFIXES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ALL_DAYS = frozenset(range(7))
_WEEKDAYS = frozenset(range(5))
_WEEKEND = frozenset((5, 6))

_FR_DN = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b"
_EN_DN = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?)"

_FR_H = r"(?<![\d,.])(?:[01]?\d|2[0-4])"
_FR_FRAC = r"(?:\s+et\s+(?:demie?|quart)\b|\s+moins\s+(?:le\s+)?quart\b)?"
_FR_TIME = (
    rf"(?:{_FR_H}\s*(?:h|heures?)(?![^\W\d_])(?:\s*[0-5]\d(?!\d)(?:\s*(?:min|minutes?)\b)?)?{_FR_FRAC}"
    rf"|{_FR_H}:[0-5]\d(?!\d)"
    rf"|\bmidi\b(?:\s+et\s+demie?\b|\s+(?:trente|quinze)\b)?"
    rf"|\bminuit\b)"
)
_FR_BARE = rf"{_FR_H}(?![\d,.:])"
_FR_RANGE = (
    rf"(?:\b(?:de|dès|des)\s+)?(?:{_FR_TIME}|{_FR_BARE})\s*(?:à|\s+a|[-–—]|jusqu'à|jusqu'a)\s*{_FR_TIME}"
    rf"|\bentre\s+(?:{_FR_TIME}|{_FR_BARE})\s+et\s+{_FR_TIME}"
)

_EN_H12 = r"(?<![\d,.:])(?:1[0-2]|0?[1-9])"
_EN_AMPM = r"\s*[ap](?:m\b|\.\s?m\b\.?)"
_EN_TIME = (
    rf"(?:{_EN_H12}(?:[:.][0-5]\d)?{_EN_AMPM}"
    rf"|(?<![\d,.:])(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)(?:{_EN_AMPM})?"
    rf"|\b(?:12\s+)?(?:noon|midday|midnight)\b"
    rf"|{_EN_H12}\s*o'clock\b)"
)
_EN_BARE = rf"{_EN_H12}(?:[:.][0-5]\d)?(?![\d:])"
_EN_RANGE = (
    rf"(?:\b(?:from|between)\s+)?(?:{_EN_TIME}|{_EN_BARE})"
    rf"\s*(?:to|until|till|til|through|thru|and|[-–—])\s*(?:{_EN_TIME}|{_EN_BARE})"
)

_ITEMS = {
    "fr": {
        "alltimes": r"\b24\s*h(?:eures)?\s*(?:/|sur)\s*24\b|\bvingt-quatre\s+heures\s+sur\s+vingt-quatre\b",
        "weekdays": (
            r"\btous\s+les\s+jours\s+ouvrés\b|\ben\s+semaine\b|\b(?:les\s+)?jours\s+(?:ouvrés|de\s+semaine)\b"
            r"|\b(?:la|de)\s+semaine\b(?!\s+(?:prochaine|dernière|du|de|d'))"
        ),
        "alldays": (
            r"\btous\s+les\s+jours\b|\b7\s*j(?:ours)?\s*(?:/|sur)\s*7\b|\bsept\s+jours\s+sur\s+sept\b"
            r"|\bchaque\s+jour\b|\btoute\s+la\s+semaine\b"
        ),
        "weekend": r"(?:\b(?:le|les|du|en|ce)\s+)?\bweek-?ends?\b|\b(?:les\s+|en\s+)?fins?\s+de\s+semaine\b",
        "holiday": r"\b(?:les\s+)?jours?\s+fériés?\b|\bfériés?\b",
        "dayrange": (rf"(?:\b(?:du|de|le|les)\s+)?\b{_FR_DN}\s*(?:au|à|jusqu'au|[-–—])\s*(?:le\s+)?\b{_FR_DN}"),
        "day": rf"(?:\b(?:le|les|chaque|tous\s+les)\s+)?\b{_FR_DN}",
        "period": r"(?:\ble\s+|\bl')?\b(?:matinée|matin|après-midi|apres-midi|après\s+midi|soirée|soir)s?\b",
        "range": _FR_RANGE,
        "lone": _FR_TIME,
        "closed": r"\bfermée?s?\b|\bfermeture\b",
        "except": r"\bsauf\b|\bexcepté\b|\bhormis\b|\bà\s+l'exception\s+d(?:u|es|e)?\b",
    },
    "en": {
        "both": r"\b24\s*/\s*7\b|\b24\s*x\s*7\b",
        "alltimes": r"\b(?:24|twenty-four)\s*(?:hours?|hrs?)\s+a\s+day\b|\b(?:a)?round\s+the\s+clock\b",
        "weekdays": (
            r"\b(?:on\s+|during\s+)?(?:the\s+)?weekdays?\b|\bduring\s+the\s+week\b"
            r"|\b(?:on\s+)?(?:working|business)\s+days\b"
        ),
        "alldays": (
            r"\bevery\s*day(?:\s+of\s+the\s+week)?\b|\bdaily\b|\b(?:7|seven)\s+days\s+a\s+week\b"
            r"|\ball\s+week\b"
        ),
        "weekend": r"\b(?:on\s+|at\s+|over\s+|during\s+)?(?:the\s+)?weekends?\b",
        "holiday": r"\b(?:on\s+)?(?:public|bank|national)\s+holidays?\b|\bholidays\b",
        "dayrange": (rf"(?:\b(?:from|on)\s+)?\b{_EN_DN}\s*(?:to|through|thru|till|until|[-–—])\s*\b{_EN_DN}"),
        "day": rf"(?:\b(?:on|every|each)\s+)?(?:the\s+)?\b{_EN_DN}",
        "period": r"\b(?:in\s+the\s+)?(?:mornings?|afternoons?|evenings?)\b",
        "range": _EN_RANGE,
        "lone": _EN_TIME,
        "closed": r"\bclosed\b",
        "except": r"\bexcept(?:\s+(?:on|for))?\b|\bexcluding\b|\bapart\s+from\b|\bother\s+than\b|\bbut\s+not\b",
    },
}
#: Every item starts a word: testing that first skips most positions at the cost of one check.
_ITEM_RE = {
    lang: _lazy.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in items.items()) + ")")
    for lang, items in _ITEMS.items()
}

_FR_MONTHS = (
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    r"|décembre|decembre"
)
#: Sentences about dated, seasonal or one-off hours: not the regular schedule.
_IGNORE_RE = {
    "fr": _lazy.compile(
        rf"\b(?:{_FR_MONTHS})\b|\bexceptionnel\w*|\baujourd'hui\b|\bdemain\b|\bce\s+soir\b"
        rf"|\bcette\s+semaine\b|\bprochaine?s?\b|\bvacances\b|\bl'été\b|\ben\s+été\b|\bcet\s+été\b"
        rf"|\bnoël\b|\bpâques\b|\bnouvel\s+an\b|\bjour\s+de\s+l'an\b|\bce\s+{_FR_DN}"
        rf"|(?<![\d/])\d{{1,2}}/\d{{1,2}}(?![\d/])"
    ),
    "en": _lazy.compile(
        r"\bexceptional\w*|\btoday\b|\btonight\b|\btomorrow\b|\bthis\s+week(?:end)?\b|\bnext\s+\w+"
        r"|\bchristmas\b|\bnew\s+year\b|\beaster\b|\bsummer\b|\bwinter\b|\bschool\s+holidays\b"
        r"|\bduring\s+the\s+holidays\b|\b\d{1,2}(?:st|nd|rd|th)\b|(?<![\d/])(?!24/7)\d{1,2}/\d{1,2}(?![\d/])"
    ),
}
_EN_MONTHS_RE = _lazy.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)
#: Words that make a time range something else than opening hours: a callback window, an
#: appointment, a wait or delay, quieter hours.
_NEGATIVE_RE = {
    "fr": _lazy.compile(
        r"\brappel\w*|\brappelle\w*|\brendez-vous\b|\brdv\b|\bd[ée]lai\w*|\battente\b|\battendre\b"
        r"|\bpatiente[rz]?\b|\bcalmes?\b|\baffluence\b|\bchargée?s?\b|\bfréquentée?s?\b|\bcomptez\b"
        r"|\btraitée?s?\b|\btraitement\b|\bdurée\b|\bdure\b|\bpendant\b|\benviron\b|\blivr\w+"
        r"|\bprivilégi\w+|\bévite[rz]?\b|\bconseillé\b|\bsous\s+\d|\bdans\s+(?:les\s+)?\d"
    ),
    "en": _lazy.compile(
        r"\bcall(?:s|ed)?\s+(?:you\s+)?back\b|\bcall-?backs?\b|\bring\s+you\s+back\b|\bappointments?\b"
        r"|\bwait\w*|\bquiet\w*|\bless\s+busy\b|\bbusy\b|\bbusiest\b|\bpeak\b|\bwithin\b|\bprocess\w*"
        r"|\bdeliver\w*|\bapproximately\b|\bavoid\b|\bbest\s+time\b"
    ),
}
#: A bare English range ("9 to 5") is hours only next to a day, after "from"/"between", or
#: right after "open", "available", "hours are" ("press 1 to 3" is not).
_EN_BARE_INTRO = _lazy.compile(r"\b(?:open|available|staffed|answered|hours(?:\s+are)?)\s*:?\s*$")

_FILLER = (
    r"(?:et|ou|puis|ainsi\s+que|and|or|then|as\s+well\s+as|plus|also|aussi|également|le|la|les"
    r"|the|on|in|matinée|matin|après-midi|apres-midi|soirée|soir|mornings?|afternoons?|evenings?)"
)
_JOIN_RE = _lazy.compile(rf"(?:[\s,/&+:()\-–]+|l'|{_FILLER}(?![^\W\d_]))*")
_PART_OF_DAY_RE = _lazy.compile(r"matin|après-midi|apres-midi|après\s+midi|soir|morning|afternoon|evening")
_CONJUNCTION_RE = _lazy.compile(r"\b(?:et|ou|and|or|puis|then|&)\b|&")
_SMALL_GAP_RE = _lazy.compile(
    r"[\s,:\-–()]*(?:(?:all\s+day|toute\s+la\s+journée|également|aussi|also|entièrement|completely"
    r"|for\s+lunch|at\s+lunchtime|over\s+lunch|pour\s+(?:le\s+|la\s+pause\s+)?déjeuner)[\s,:]*)?"
)
_SENTENCE_END = _lazy.compile(r"[!?;]|\n\s*\n|(?<![aApP]\.[mM])(?<![aApP]\. [mM])\.(?!\d)(?=\s*$|\s+[A-ZÀ-ÖØ-Þ\"«(])")


# --- number words and a quick "could this state hours?" test ---------------------------------

_FR_WORD_TIME = _lazy.compile(
    rf"\b({_alternation(_FR_WORD_HOURS)})(?=\s+heures?\b)(?:(\s+heures?\s+)({_alternation(_FR_WORD_MINUTES)})\b)?"
)
_EN_HOUR_WORD = rf"(?:{_alternation(_EN_WORD_HOURS)})"
_EN_CLOCK_WORDS = rf"({_EN_HOUR_WORD})(?:\s+(?:oh\s+)?({_alternation(_EN_WORD_MINUTES)}))?\b"
_EN_WORD_TIME = _lazy.compile(
    rf"\b{_EN_CLOCK_WORDS}(?=\s*(?:[ap]\.?\s?m\b|o'clock))"
    rf"|\b{_EN_CLOCK_WORDS}(\s*(?:to|until|till|and|through|thru|-|–|—)\s*){_EN_CLOCK_WORDS}"
)
_EN_WORD_GUARD = _lazy.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")
#: Without any of these, a text states no hours we can read: skip it cheaply.
_MAY_STATE_HOURS = {
    "fr": _lazy.compile(r"\d\s*h|\d:\d|midi|minuit|heure|ferm"),
    "en": _lazy.compile(
        r"\d\s*[ap]\.?\s?m\b|\d:\d|noon|midday|midnight|o'clock|closed|24\s*[/x]\s*7|hours?\s+a\s+day"
        r"|hrs?\s+a\s+day|round\s+the\s+clock|\d\s*(?:to|until|till|til|and|through|thru|-|–|—)\s*\d"
        r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:to\b|until|till|and\b|-|–|—|[ap]\.?\s?m\b|o'clock)"
    ),
}


def _digits_for_words(norm: str, en: bool) -> tuple[str, list[tuple[int, int]]]:
    """Write "neuf heures trente" as "9    heures 30", "nine to five" as "9    to 5": same
    length, so spans still index the original text and one set of patterns reads both."""
    spans: list[tuple[int, int]] = []
    if en:
        if not _EN_WORD_GUARD.search(norm):
            return norm, spans

        def clock(m: re.Match[str], hour: int) -> str:
            minutes = m.group(hour + 1)
            digits = str(_EN_WORD_HOURS[m.group(hour)])
            if minutes:
                digits += f":{_EN_WORD_MINUTES[minutes]:02d}"
            return digits.ljust(m.end(hour + 1 if minutes else hour) - m.start(hour))

        def swap(m: re.Match[str]) -> str:
            spans.append(m.span())
            if m.group(1):
                return clock(m, 1)
            return clock(m, 3) + m.group(5) + clock(m, 6)

        return _EN_WORD_TIME.sub(swap, norm), spans
    if "heure" not in norm:
        return norm, spans

    def swap_fr(m: re.Match[str]) -> str:
        spans.append(m.span())
        out = str(_FR_WORD_HOURS[m.group(1)]).ljust(len(m.group(1)))
        if m.group(3):
            out += m.group(2) + str(_FR_WORD_MINUTES[m.group(3)]).rjust(2, "0").ljust(len(m.group(3)))
        return out

    return _FR_WORD_TIME.sub(swap_fr, norm), spans


# --- reading one item -------------------------------------------------------------------------


@dataclass
class _Item:
    """One piece a sentence's scan found: days, times, a period, a closing, an exception."""

    kind: str  # D days, T times, P period, C closed, X except, L lone time
    start: int
    end: int
    days: frozenset[int] = frozenset()
    holiday: bool = False
    intervals: tuple[Interval, ...] = ()
    bare: bool = False


_FR_TIME_PARTS = _lazy.compile(r"(\d{1,2})(?:\s*(?:heures?|h)\s*(\d{2})?(?:\s*(?:min|minutes?))?|:(\d{2}))?(.*)")


def _fr_time(s: str, is_end: bool) -> int | None:
    """Minutes for one French time ("8h30", "8 heures et demie", "midi"), None if unreadable."""
    s = " ".join(s.split())
    if s.startswith("midi"):
        tail = s[4:].strip()
        return 720 + (30 if tail.startswith("et demi") or tail == "trente" else 15 if tail == "quinze" else 0)
    if s == "minuit":
        return _DAY if is_end else 0
    m = _FR_TIME_PARTS.fullmatch(s)
    if not m:
        return None
    hour, minutes, rest = int(m.group(1)), int(m.group(2) or m.group(3) or 0), m.group(4).strip()
    if rest.startswith("et demi"):
        minutes += 30
    elif rest == "et quart":
        minutes += 15
    elif rest.startswith("moins"):
        hour, minutes = hour - 1, minutes + 45
    value = hour * 60 + minutes
    if value == 0 and is_end:
        return _DAY
    return value if value <= _DAY else None


_EN_TIME_PARTS = _lazy.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|o'clock)?")
_AM_PM_DOTS = _lazy.compile(r"([ap])\.?\s?m\.?$")


def _en_time(s: str) -> tuple[int, bool] | None:
    """Minutes for one English time and whether it is unambiguous (am/pm, 24-hour, noon)."""
    s = _AM_PM_DOTS.sub(r"\1m", " ".join(s.split()))
    if s.endswith(("noon", "midday")):
        return 720, True
    if s.endswith("midnight"):
        return 0, True
    m = _EN_TIME_PARTS.fullmatch(s)
    if not m:
        return None
    hour, minutes, suffix = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    explicit_24h = m.group(2) is not None and ":" in s and (hour > 12 or hour == 0 or s.startswith("0"))
    if suffix in ("am", "pm"):
        if hour > 12:
            return None
        return (hour % 12 + (12 if suffix == "pm" else 0)) * 60 + minutes, True
    return hour * 60 + minutes, explicit_24h


def _en_range(a: str, b: str) -> Interval | None:
    """Read an English range, filling in am/pm the way people mean "9 to 5"."""
    start, end = _en_time(a), _en_time(b)
    if start is None or end is None:
        return None
    (s, s_sure), (e, e_sure) = start, end
    if not e_sure and s_sure and e <= s and e + 720 > s:
        e += 720
    elif not s_sure and e_sure and s < 7 * 60 and s + 720 < e:
        s += 720
    elif not s_sure and not e_sure:
        if s < 7 * 60:
            s += 720
        if e <= s and e + 720 > s:
            e += 720
    return s, (e or _DAY)


_FR_RANGE_PARTS = _lazy.compile(
    rf"(?:(?:de|dès|des)\s+)?(?P<a>{_FR_TIME}|{_FR_BARE})\s*(?:à|\s+a|[-–—]|jusqu'à|jusqu'a)\s*(?P<b>{_FR_TIME})"
    rf"|entre\s+(?P<a2>{_FR_TIME}|{_FR_BARE})\s+et\s+(?P<b2>{_FR_TIME})"
)
_EN_RANGE_PARTS = _lazy.compile(
    rf"(?:(?P<word>from|between)\s+)?(?P<a>{_EN_TIME}|{_EN_BARE})"
    rf"\s*(?P<conn>to|until|till|til|through|thru|and|[-–—])\s*(?P<b>{_EN_TIME}|{_EN_BARE})"
)


def _range_item(text: str, start: int, end: int, en: bool) -> _Item | None:
    """A time range; a range that is no opening range (overnight, "2 à 3 heures") is lone."""
    token = text[start:end]
    if en:
        m = _EN_RANGE_PARTS.fullmatch(token)
        if not m or (m.group("conn") == "and") != (m.group("word") == "between"):
            return None
        a, b = m.group("a"), m.group("b")
        both_bare = not (_EN_TIME_RE.fullmatch(a) or _EN_TIME_RE.fullmatch(b))
        if both_bare and (_EN_UNIT_AFTER.match(text, end) or _EN_COUNT_BEFORE.search(text, max(0, start - 40), start)):
            return None  # "1 to 3 business days", "a number from 1 to 11"
        interval = _en_range(a, b)
        bare = both_bare
    else:
        m = _FR_RANGE_PARTS.fullmatch(token)
        if not m:
            return None
        a, b = m.group("a") or m.group("a2"), m.group("b") or m.group("b2")
        s, e = _fr_time(a, False), _fr_time(b, True)
        interval = None if s is None or e is None else (s, e)
        bare = False
    if interval is None:
        return _Item("L", start, end)
    s, e = interval
    if e <= s or e > _DAY:
        return _Item("L", start, end)
    if s < _EARLIEST_OPENING and (s, e) != (0, _DAY):
        return None
    return _Item("T", start, end, intervals=(interval,), bare=bare)


_EN_UNIT_AFTER = _lazy.compile(
    r"\s*(?:business\s+|working\s+)?(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?"
    r"|seconds?|people|calls?|times|%|percent|options?|of)\b"
)
_EN_TIME_RE = _lazy.compile(_EN_TIME)
_EN_COUNT_BEFORE = _lazy.compile(
    r"\b(?:numbers?|digits?|options?|press|key|keys|dial|choose|select|enter|years?|ages?|aged|grades?|pages?"
    r"|steps?|levels?|rooms?|floors?)\s+(?:(?:from|between)\s+)?$")
_DAY_NAME_RE = {"fr": _lazy.compile(_FR_DN), "en": _lazy.compile(_EN_DN)}


def _day_set(kind: str, token: str, original: str, en: bool) -> frozenset[int] | None:
    """The weekdays an item names; None for "the sun" or "we sat" (not days)."""
    if kind == "weekdays":
        return _WEEKDAYS
    if kind == "weekend":
        return _WEEKEND
    if kind in ("alldays", "both"):
        return _ALL_DAYS
    indexes = []
    for found in _DAY_NAME_RE["en" if en else "fr"].finditer(token):
        name = found.group()
        if en:
            index = _EN_DAY_PREFIXES.index(name[:3])
            if not name.rstrip(".s").endswith("day") and not original[found.start()].isupper():
                return None  # "sun", "sat", "wed" as ordinary words
        else:
            index = _FR_DAY_NAMES.index(name.rstrip("s"))
        indexes.append(index)
    if not indexes:
        return None
    if kind == "dayrange":  # "du vendredi au lundi" wraps over the weekend
        first, last = indexes[0], indexes[-1]
        return frozenset((first + i) % 7 for i in range((last - first) % 7 + 1))
    return frozenset(indexes)


def _items(norm: str, original: str, lo: int, hi: int, en: bool) -> list[_Item]:
    items: list[_Item] = []
    for m in _ITEM_RE["en" if en else "fr"].finditer(norm, lo, hi):
        kind, start, end = m.lastgroup, m.start(), m.end()
        if kind == "range":
            item = _range_item(norm, start, end, en)
            if item is not None:
                items.append(item)
        elif kind == "lone":
            items.append(_Item("L", start, end))
        elif kind == "alltimes":
            items.append(_Item("T", start, end, intervals=((0, _DAY),)))
        elif kind == "both":
            items.append(_Item("D", start, end, days=_ALL_DAYS))
            items.append(_Item("T", start, end, intervals=((0, _DAY),)))
        elif kind == "holiday":
            items.append(_Item("D", start, end, holiday=True))
        elif kind == "period":
            items.append(_Item("P", start, end))
        elif kind == "closed":
            items.append(_Item("C", start, end))
        elif kind == "except":
            items.append(_Item("X", start, end))
        else:
            days = _day_set(kind, m.group(), original[start:end], en)
            if days is not None:
                items.append(_Item("D", start, end, days=days))
    return items


# --- reading one sentence ---------------------------------------------------------------------


@dataclass
class _DayGroup:
    """Days read together, with the times and the closing said of them."""

    days: set[int]
    times: list[Interval] | None = None
    closed: bool = False
    period: bool = False
    holiday: bool = False
    override: bool = False
    excluded_from: _DayGroup | None = None


@dataclass
class _Sentence:
    """What one sentence says: its day groups and the times said of no day."""

    groups: list[_DayGroup] = field(default_factory=list)
    free: list[Interval] = field(default_factory=list)
    start: int = 0
    end: int = 0


def _skip_sentence(norm: str, original: str, items: list[_Item], lo: int, hi: int, en: bool) -> bool:
    """True when the sentence talks about other hours than the regular opening ones."""
    lang = "en" if en else "fr"
    if _IGNORE_RE[lang].search(norm, lo, hi) or (en and _EN_MONTHS_RE.search(original, lo, hi)):
        return True
    cues = [m.start() for m in _NEGATIVE_RE[lang].finditer(norm, lo, hi)]
    for item in items:
        if item.kind not in ("T", "C"):
            continue
        for cue in cues:
            if cue < item.start or (item.kind == "T" and cue >= item.end and "," not in norm[item.end : cue]):
                return True
    return False


def _drop_loose_bare_ranges(norm: str, items: list[_Item], lo: int) -> list[_Item]:
    """Keep "9 to 5" only where it can only be hours (see ``_EN_BARE_INTRO``)."""
    kept = []
    for i, item in enumerate(items):
        introduced = norm.startswith(("from", "between"), item.start) or _EN_BARE_INTRO.search(norm, lo, item.start)
        if item.kind == "T" and item.bare and not introduced:
            before = items[i - 1] if i else None
            after = items[i + 1] if i + 1 < len(items) else None
            near = any(
                other is not None
                and other.kind == "D"
                and _SMALL_GAP_RE.fullmatch(norm[min(other.end, item.end) : max(other.start, item.start)])
                for other in (before, after)
            )
            if not near:
                continue
        kept.append(item)
    return kept


def _read_sentence(norm: str, items: list[_Item]) -> _Sentence | None:
    """Pair days with times in one sentence; None when it states no hours."""
    if any(i.kind == "L" for i in items):
        if any(i.kind in ("D", "T") for i in items):
            raise _Unreadable  # "le samedi jusqu'à 18h", "de 20h à 8h"
        return None
    if not any(i.kind in ("T", "C") for i in items):
        return None
    reader = _SentenceReader(norm, [i for i in items if i.kind != "P"])
    reader.read()
    _mark_periods(norm, items, reader.group_of)
    out = reader.finish()
    out.start, out.end = items[0].start, items[-1].end
    if not out.free and all(g.holiday for g in out.groups):
        return None  # "nos bureaux sont fermés": no day, no time
    return out


class _SentenceReader:
    """Walks a sentence's items left to right, pairing day groups with time groups.

    Times attach to the day group waiting for them ("du lundi au vendredi de 9h à 17h") or wait
    for the next one ("de 9h à 17h du lundi au vendredi"); "fermé"/"sauf" close the days or
    cut the times that follow them.
    """

    def __init__(self, norm: str, seq: list[_Item]) -> None:
        self.norm, self.seq = norm, seq
        self.out = _Sentence()
        self.group_of: dict[int, _DayGroup] = {}
        self.pending_d: _DayGroup | None = None  # days waiting for their times
        self.pending_t: list[Interval] | None = None  # times waiting for their days
        self.prev: _Item | None = None
        self.prev_value: _DayGroup | list[Interval] | None = None
        self.closing_days = self.closing_times = self.excepting = False
        self.part_of_day = False  # the last times were said for a part of the day ("et l'après-midi de ...")
        self.subtractions: list[tuple[list[Interval], list[list[Interval]]]] = []

    def read(self) -> None:
        for index, item in enumerate(self.seq):
            gap = self.norm[self.prev.end : item.start] if self.prev else ""
            nxt = self.seq[index + 1] if index + 1 < len(self.seq) else None
            if item.kind == "D":
                self.prev_value = self._day(item, gap, nxt)
            elif item.kind == "T":
                self.prev_value = self._times(item, gap)
            else:
                self._marker(item, index, nxt)
                self.prev_value = None
            self.prev = item

    def _day(self, item: _Item, gap: str, nxt: _Item | None) -> _DayGroup:
        group = self.prev_value if self.prev is not None and self.prev.kind == "D" else None
        if (
            isinstance(group, _DayGroup)
            and not self.excepting
            and not self.closing_days
            and _JOIN_RE.fullmatch(gap)
            and group.holiday == item.holiday
            and (group.times is None or _CONJUNCTION_RE.search(gap))
        ):  # "lundi, mercredi et vendredi", "samedi et dimanche"
            group.days |= item.days
            if group.excluded_from is not None:
                group.excluded_from.days -= item.days
            self.group_of[id(item)] = group
            return group
        group = _DayGroup(set(item.days), holiday=item.holiday)
        self.out.groups.append(group)
        self.group_of[id(item)] = group
        if item.holiday:
            self.closing_days = self.excepting = False
        elif self.excepting:
            self._except(group, nxt)
        elif self.closing_days:
            self.closing_days, group.closed = False, True
        elif self.pending_t is not None:
            group.times, self.pending_t = self.pending_t, None
        else:
            self.pending_d = group
        return group

    def _except(self, group: _DayGroup, nxt: _Item | None) -> None:
        """ "sauf le mercredi": other hours for those days, or those days closed. After "et
        l'après-midi de 13h30 à 16h30" it may close the afternoon only: not read."""
        self.excepting = False
        if self.part_of_day:
            raise _Unreadable
        said_times = any(g.times is not None for g in self.out.groups[:-1])
        if nxt is not None and nxt.kind == "T" and said_times:
            group.override = True
            self.pending_d = group
            return
        base = self.pending_d or next(
            (g for g in reversed(self.out.groups[:-1]) if not g.closed and not g.holiday), None
        )
        if base is None and self.pending_t is None and not self.out.free:
            raise _Unreadable
        if base is not None:
            base.days -= group.days
            group.excluded_from = base
        group.closed = True

    def _times(self, item: _Item, gap: str) -> list[Interval]:
        joined = self.prev is not None and self.prev.kind == "T" and _JOIN_RE.fullmatch(gap)
        self.part_of_day = bool(joined and _PART_OF_DAY_RE.search(gap))
        if joined and isinstance(self.prev_value, list):  # "de 9h à 12h et de 14h à 17h"
            self.prev_value.extend(item.intervals)
            return self.prev_value
        times = list(item.intervals)
        if self.closing_times:  # "fermé de 12h à 14h"
            self.closing_times = False
            targets = [g.times for g in self.out.groups if g.times is not None and not g.closed]
            targets = targets or [t for t in (self.pending_t, self.out.free) if t]
            if not targets:
                raise _Unreadable
            self.subtractions.append((times, targets))
        elif self.pending_d is not None and self.pending_d.times is None and not self.pending_d.closed:
            self.pending_d.times, self.pending_d = times, None
        else:
            if self.pending_t is not None:
                self.out.free.extend(self.pending_t)
            self.pending_t = times
        return times

    def _marker(self, item: _Item, index: int, nxt: _Item | None) -> None:
        """ "fermé" (C) or "sauf" (X): decide what they apply to."""
        gap_next = self.norm[item.end : nxt.start] if nxt else ""
        small = nxt is not None and _SMALL_GAP_RE.fullmatch(gap_next) is not None
        if nxt is not None and nxt.kind == "T" and small:
            self.closing_times = True
        elif item.kind == "X":
            self.excepting = nxt is not None and nxt.kind == "D"
        elif nxt is not None and nxt.kind == "D" and small:
            self.closing_days = True  # "fermé le samedi"
        elif self.pending_d is not None:
            self.pending_d.closed, self.pending_d = True, None  # "le samedi, nous sommes fermés"
        elif nxt is not None and nxt.kind == "D":
            after = self.seq[index + 2] if index + 2 < len(self.seq) else None
            self.closing_days = after is None or after.kind != "T"

    def finish(self) -> _Sentence:
        out = self.out
        if self.pending_t is not None:
            if any(not (g.closed or g.holiday) for g in out.groups):
                raise _Unreadable
            out.free.extend(self.pending_t)
        for group in out.groups:
            if group.holiday:
                continue
            if (group.times is None and not group.closed) or (group.closed and group.period):
                raise _Unreadable
        for closing, targets in self.subtractions:
            for target in targets:
                target[:] = _subtract(_normalise_intervals(target), _normalise_intervals(closing))
        return out


def _mark_periods(norm: str, items: list[_Item], group_of: dict[int, _DayGroup]) -> None:
    """ "le samedi matin": a day qualified by a part of the day, which needs times to be read."""
    last = None
    for item in items:
        if item.kind != "P":
            last = item
        elif last is None or not _SMALL_GAP_RE.fullmatch(norm[last.end : item.start]):
            continue
        elif last.kind == "C":
            raise _Unreadable  # "fermé l'après-midi": closed part of a day we cannot place
        elif id(last) in group_of:
            group_of[id(last)].period = True


def _subtract(open_: tuple[Interval, ...], closing: tuple[Interval, ...]) -> list[Interval]:
    """Remove a closure ("fermé de 12h à 14h") from the intervals it falls inside."""
    out = list(open_)
    for cs, ce in closing:
        host = next((i for i, (s, e) in enumerate(out) if s <= cs and ce <= e), None)
        if host is None:
            raise _Unreadable
        s, e = out.pop(host)
        out[host:host] = [iv for iv in ((s, cs), (ce, e)) if iv[0] < iv[1]]
    return out


def _normalise_intervals(intervals: list[Interval] | tuple[Interval, ...]) -> tuple[Interval, ...]:
    """Sort, refuse overlaps (a reading we do not understand), merge touching intervals."""
    merged: list[Interval] = []
    for s, e in sorted(intervals):
        if merged and s < merged[-1][1]:
            raise _Unreadable
        if merged and s == merged[-1][1]:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)


def _sentences(norm: str, original: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(original):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(norm)))
    return [(a, b) for a, b in spans if b > a]


@reader
def parse_spoken_hours(text: str, lang: str) -> SpokenHours | None:
    """Read the opening hours stated in ``text`` ("fr" or "en"); None if there are none we can
    read with confidence. See :class:`SpokenHours` for the representation.
    """
    en = _is_en(lang)
    norm = _normalise(text)
    if not _MAY_STATE_HOURS["en" if en else "fr"].search(norm):
        return None
    norm, word_spans = _digits_for_words(norm, en)
    days: dict[int, tuple[Interval, ...]] = {}
    overrides: list[tuple[set[int], tuple[Interval, ...]]] = []
    free: list[Interval] = []
    start, end = len(text), -1
    whole_week = False
    try:
        may_state_hours = _MAY_STATE_HOURS["en" if en else "fr"]
        for lo, hi in _sentences(norm, text):
            if not may_state_hours.search(norm, lo, hi):
                continue
            items = _items(norm, text, lo, hi, en)
            for item in items:  # end where the number words end, not their digits
                item.end = next((b for a, b in word_spans if a < item.end < b), item.end)
            if en:
                items = _drop_loose_bare_ranges(norm, items, lo)
            if not items or _skip_sentence(norm, text, items, lo, hi, en):
                continue
            sentence = _read_sentence(norm, items)
            if sentence is None:
                continue
            start, end = min(start, sentence.start), max(end, sentence.end)
            free.extend(sentence.free)
            for group in sentence.groups:
                if group.holiday:
                    continue
                intervals = () if group.closed else _normalise_intervals(group.times or [])
                if intervals and len(group.days) > 1:
                    whole_week = True
                if group.override:
                    overrides.append((group.days, intervals))
                    continue
                for day in group.days:
                    _assign(days, day, intervals)
        for group_days, intervals in overrides:
            for day in group_days:
                days[day] = intervals
        times = _normalise_intervals(free)
    except _Unreadable:
        return None
    if not days and not times:
        return None
    return SpokenHours(days=MappingProxyType(dict(sorted(days.items()))), start=start, end=end, times=times,
                       whole_week=whole_week)


def _assign(days: dict[int, tuple[Interval, ...]], day: int, intervals: tuple[Interval, ...]) -> None:
    """A day said twice must agree, or add hours that do not overlap ("le lundi ... le lundi")."""
    known = days.get(day)
    if known is None or known == intervals:
        days[day] = intervals
    elif not known or not intervals:
        raise _Unreadable  # said open and closed
    else:
        days[day] = _normalise_intervals(known + intervals)


# --- times named in passing -----------------------------------------------------------------


@dataclass(frozen=True)
class TimeMention:
    """A day, a time or a part of the day a sentence names, opening hours or not: "le lundi",
    "après 14 heures", "l'après-midi", "en début de semaine", "between 2pm and 4pm".

    ``days`` is empty when no day is named; ``interval`` is None when no time of day is.
    ``precise`` is false for vague times ("en fin de matinée", "first thing", "aux heures
    creuses") whose ``days``/``interval`` are only a rough reading. ``kind`` says what was
    named: "day", "range" (de 9h à 12h), "bound" (après 14h), "period" (le matin), "about"
    (vers 15h) or "vague". ``end_of_week`` marks the French "(en) fin de semaine", whose
    days depend on the days the service opens: see :func:`days_meant`.
    """

    start: int
    end: int
    days: frozenset[int] = frozenset()
    interval: Interval | None = None
    precise: bool = True
    kind: str = "day"
    end_of_week: bool = False


def days_meant(mention: TimeMention, open_days: Iterable[int] | None = None) -> frozenset[int]:
    """The days `mention` names, for a service that opens on `open_days` (0 = Monday).

    "Fin de semaine" is read as the weekend, Saturday and Sunday: that is its everyday
    meaning in France (and the only one in Quebec), and what opening hours mean by it
    ("fermé en fin de semaine"). But a service closed at the weekend cannot be advising
    callers to ring then: "appelez de préférence en fin de semaine", said by a
    Monday-to-Friday service, can only mean the end of its own week, its last two open
    days (Thursday and Friday). So: the weekend days the service opens, if it opens on
    any; else its last two open weekdays. Without `open_days`, or for any other mention,
    the days as read.
    """
    if not mention.end_of_week or open_days is None:
        return mention.days
    open_ = frozenset(open_days)
    if open_ & _WEEKEND:
        return open_ & _WEEKEND
    return frozenset(sorted(d for d in open_ if d in _WEEKDAYS)[-2:])


_PERIODS = {"mat": (0, 720), "apr": (720, 1080), "soi": (1080, _DAY), "mor": (0, 720), "aft": (720, 1080),
            "eve": (1080, _DAY)}
_VAGUE = {
    "fr": (
        (r"\b(?:heures?|périodes?|moments?)\s+creuses?\b", frozenset(), None),
        (r"\bheures?\s+de\s+(?:pointe|forte\s+affluence)\b|\bpics?\s+d'appels?\b", frozenset(), None),
        (r"\b(?:en\s+)?(?:début|fin|milieu)\s+de\s+mois\b", frozenset(), None),
        (r"\b(?:en\s+)?(?:début|commencement)\s+de\s+(?:la\s+)?semaine\b", frozenset((0, 1)), None),
        (r"\b(?:en\s+)?milieu\s+de\s+(?:la\s+)?semaine\b|\bmi-semaine\b", frozenset((2,)), None),
        (r"\b(?:en\s+)?(?:début|fin)\s+de\s+(?:matinée|matin)\b", frozenset(), (0, 720)),
        (r"\b(?:en\s+)?(?:début|fin)\s+d'après-midi\b|\b(?:en\s+)?(?:début|fin)\s+d'apres-midi\b",
         frozenset(), (720, 1080)),
        (r"\b(?:en\s+)?(?:début|fin)\s+de\s+(?:journée|soirée)\b", frozenset(), None),
        (r"\bmi-journée\b|\b(?:la\s+|à\s+la\s+)?pause\s+(?:déjeuner|méridienne)\b|\bheure\s+du\s+déjeuner\b"
         r"|\bentre\s+midi\s+et\s+(?:deux|14\s*h)\b", frozenset(), (690, 840)),
        (r"\b(?:à|dès|après)\s+l'ouverture\b|\bà\s+la\s+fermeture\b", frozenset(), None),
    ),
    "en": (
        (r"\boff[- ]peak\b|\b(?:peak|busy|quiet(?:er)?)\s+(?:times?|hours?|periods?)\b", frozenset(), None),
        (r"\b(?:the\s+)?(?:start|beginning|end)\s+of\s+the\s+month\b", frozenset(), None),
        (r"\b(?:the\s+)?(?:start|beginning)\s+of\s+the\s+week\b|\bearly\s+in\s+the\s+week\b", frozenset((0, 1)),
         None),
        (r"\bmid-?week\b|\bmiddle\s+of\s+the\s+week\b", frozenset((2,)), None),
        (r"\b(?:the\s+)?end\s+of\s+the\s+week\b|\blater\s+in\s+the\s+week\b", frozenset((3, 4)), None),
        (r"\bfirst\s+thing\b|\bearly\s+(?:in\s+the\s+)?morning\b|\blate\s+(?:in\s+the\s+)?morning\b"
         r"|\bmid-?morning\b", frozenset(), (0, 720)),
        (r"\b(?:early|late)\s+(?:in\s+the\s+)?afternoon\b|\bmid-?afternoon\b", frozenset(), (720, 1080)),
        (r"\b(?:the\s+)?end\s+of\s+the\s+(?:day|working\s+day)\b", frozenset(), None),
        (r"\blunch\s*times?\b|\bover\s+lunch\b|\b(?:at|around|during)\s+lunch\b|\bmidday\b", frozenset(),
         (690, 840)),
        (r"\bafter\s+lunch\b", frozenset(), (780, _DAY)),
        (r"\bwhen\s+we\s+open\b|\bopening\s+time\b", frozenset(), None),
    ),
}
_VAGUE_RE = {lang: [(_lazy.compile(p), d, i) for p, d, i in table] for lang, table in _VAGUE.items()}
_BOUND_BEFORE = {
    "fr": _lazy.compile(r"(?:\b(?P<after>après|apres|passé|passe|à\s+partir\s+de|a\s+partir\s+de|dès|des)"
                     r"|\b(?P<before>avant|jusqu'à|jusqu'a)|\b(?P<about>vers|aux\s+alentours\s+de|autour\s+de))\s*$"),
    "en": _lazy.compile(r"(?:\b(?P<after>after|from|past)|\b(?P<before>before|until|till|by)"
                     r"|\b(?P<about>around|about|at\s+about))\s*$"),
}


def _lone_minutes(token: str, en: bool) -> int | None:
    if en:
        read = _en_time(token)
        return None if read is None or not read[1] else read[0]
    return _fr_time(token, False)


@reader
def find_time_mentions(text: str, lang: str) -> tuple[TimeMention, ...]:
    """Every day, time and part of the day ``text`` names, in order, with what it means.

    Unlike :func:`parse_spoken_hours` this says nothing about opening hours: it tells a cue
    reader that a sentence names a time ("appelez plutôt après 14h") and which one.
    """
    en = _is_en(lang)
    key = "en" if en else "fr"
    norm = _normalise(text)
    norm, word_spans = _digits_for_words(norm, en)
    if not _MAY_NAME_TIME[key].search(norm):
        return ()
    return _time_mentions(text, norm, word_spans, en)


#: Every item and vague time above needs one of these (digits of a time, a day's name, a
#: word for a part of the day...): without any, a prompt names no time, and the dozen
#: patterns need not run ("Pour le sujet 6.2, tapez 1" is most of a large flow's prompts).
_MAY_NAME_TIME = {
    "fr": _lazy.compile(
        r"\d\s*[hj]|\d:\d|midi|minuit|heure|semaine|jour|week|f[ée]ri|lundi|mardi|mercredi|jeudi|vendredi"
        r"|samedi|dimanche|matin|soir|ferm|sauf|except|hormis|creuse|pointe|affluence|pic|mois|pause|d[ée]jeuner"
        r"|ouverture"
    ),
    "en": _lazy.compile(
        r"\d\s*[ap]\.?\s?m|\d:\d|\d[\d:.]*\s*(?:to|until|till|til|through|thru|and|[-–—])\s*\d|noon|midday|midnight"
        r"|o'clock|24|hours|hrs|clock|week|day|holiday|mon|tue|wed|thu|fri|sat|sun|morning|afternoon|evening"
        r"|daily|closed|except|exclud|apart|other|but\s+not|peak|busy|quiet|month|first|lunch|open"
    ),
}


def _time_mentions(text: str, norm: str, word_spans: list[tuple[int, int]], en: bool) -> tuple[TimeMention, ...]:
    key = "en" if en else "fr"
    items = _items(norm, text, 0, len(norm), en)
    if en:
        items = _drop_loose_bare_ranges(norm, items, 0)
    out: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, days, interval in _VAGUE_RE[key]:
        for m in pattern.finditer(norm):
            out.append(TimeMention(m.start(), m.end(), days, interval, precise=False, kind="vague"))
            taken.append(m.span())
    for item in items:
        end = next((b for a, b in word_spans if a < item.end < b), item.end)
        if any(a <= item.start < b for a, b in taken):
            continue
        if item.kind == "D" and not item.holiday:
            vague = not en and "fin" in norm[item.start:end]  # "en fin de semaine": see `days_meant`
            out.append(TimeMention(item.start, end, days=item.days, precise=not vague, end_of_week=vague))
        elif item.kind == "T" and item.intervals and item.intervals[0] != (0, _DAY):
            out.append(TimeMention(item.start, end, interval=item.intervals[0], kind="range"))
        elif item.kind == "P":
            word = norm[item.start:end].replace("le ", "").replace("l'", "").replace("in the ", "").strip()
            out.append(TimeMention(item.start, end, interval=_PERIODS.get(word[:3]), kind="period"))
        elif item.kind == "L":
            minutes = _lone_minutes(norm[item.start:end], en)
            bound = _BOUND_BEFORE[key].search(norm, max(0, item.start - 25), item.start)
            if minutes is None:
                out.append(TimeMention(item.start, end, precise=False, kind="about"))
            elif bound is not None and bound.group("after"):
                out.append(TimeMention(bound.start(), end, interval=(minutes, _DAY), kind="bound"))
            elif bound is not None and bound.group("before"):
                out.append(TimeMention(bound.start(), end, interval=(0, minutes), kind="bound"))
            else:  # "à 14h", "vers 15h": about then
                out.append(TimeMention(item.start, end, interval=(max(0, minutes - 30), min(_DAY, minutes + 30)),
                                       precise=False, kind="about"))
    return tuple(sorted(out, key=lambda m: (m.start, m.end)))


# --- saying a schedule ------------------------------------------------------------------------

_EN_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_intervals(intervals: tuple[Interval, ...] | list[Interval], lang: str) -> str:
    """ "08:30-12:00, 13:30-16:30"; no interval reads "fermé" / "closed"."""
    if not intervals:
        return "closed" if _is_en(lang) else "fermé"
    return ", ".join(f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}" for s, e in intervals)


def format_hours(days: dict[int, tuple[Interval, ...]], lang: str) -> str:
    """Say a weekly schedule day by day for a finding's message:
    "lundi 08:30-12:00, 13:30-16:30; samedi fermé" / "Monday 08:30-12:00; Saturday closed".
    """
    names = _EN_DAY_NAMES if _is_en(lang) else _FR_DAY_NAMES
    return "; ".join(f"{names[d]} {format_intervals(days[d], lang)}" for d in sorted(days))
