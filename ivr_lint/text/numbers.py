"""Phone numbers: which tariff a number has, and which numbers a prompt speaks (rule M6).

French numbers follow the ARCEP numbering plan table (reference, section 3), not
``phonenumbers``' types, which call 081/082 "shared cost" and know nothing of the 3xxx
short-number tariffs. Other countries' numbers are judged by ``phonenumbers``, imported
only when such a number turns up.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from ivr_lint.text import _lazy
from ivr_lint.text._memo import reader
from ivr_lint.text.cues import find_email_addresses, find_placeholders, find_web_addresses, fold

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber


class Tariff(enum.Enum):
    """What calling a number costs the caller."""

    FREE = "free"
    STANDARD = "standard"
    SURCHARGED = "surcharged"
    SHORT_UNDECLARED = "short-undeclared"  # 32xx-39xx: tariff set per number, flow must say
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class NumberVerdict:
    """A number as written, its normal form, its tariff and why (English, for messages).

    ``normalized`` is the national form, digits only, for French numbers (``0892680101``,
    ``3939``), and E.164 (``+441132224404``) for numbers judged by ``phonenumbers``.
    """

    number: str
    normalized: str
    tariff: Tariff
    reason: str


_ARCEP = "under the French numbering plan (ARCEP)"
_FR_EMERGENCY = frozenset({"15", "17", "18", "112", "114", "115", "119", "191", "196", "197"})
_TRUNK_IN_BRACKETS_RE = _lazy.compile(r"\(\s*0\s*\)")
_NOT_DIGIT_RE = _lazy.compile(r"[^\d+]")
_REGION_RE = _lazy.compile(r"(?:^|[-_])([A-Za-z]{2})$")


def _compact(number: str) -> str:
    """Digits with a leading ``+``: "00" becomes "+", "(0)" after a country code goes."""
    compact = _NOT_DIGIT_RE.sub("", _TRUNK_IN_BRACKETS_RE.sub("", number))
    plus = compact.startswith("+")
    digits = compact.replace("+", "")
    if not plus and digits.startswith("00") and len(digits) > 4:
        plus, digits = True, digits[2:]
    return ("+" if plus else "") + digits


def _region(region: str) -> str:
    """Region code from "FR", "gb" or a flow language tag such as "en-GB" or "fr"."""
    m = _REGION_RE.search(region.strip())
    return m.group(1).upper() if m else region.strip().upper()


def _classify_fr(number: str, d: str) -> NumberVerdict:
    """The ARCEP table of the reference (section 3) on a national-form digit string."""

    def verdict(tariff: Tariff, reason: str) -> NumberVerdict:
        return NumberVerdict(number, d, tariff, reason)

    if len(d) == 10 and d[0] == "0":
        p = d[1]
        if p in "12345":
            return verdict(Tariff.STANDARD, f"0{p} numbers are geographic, standard rate {_ARCEP}")
        if p == "9":
            return verdict(Tariff.STANDARD, f"09 numbers are non-geographic, standard rate {_ARCEP}")
        if p in "67":
            return verdict(Tariff.STANDARD, f"0{p} numbers are mobile, standard rate {_ARCEP}")
        if p == "8":
            if d[2] == "0":
                if d[3] in "012345":
                    return verdict(Tariff.FREE, f"0800 to 0805 numbers are free {_ARCEP}")
                return verdict(
                    Tariff.STANDARD,
                    f"0806 to 0809 numbers cost a standard call, the service is free {_ARCEP}",
                )
            if d[2] in "129":
                return verdict(Tariff.SURCHARGED, f"08{d[2]} numbers are surcharged {_ARCEP}")
            return verdict(
                Tariff.SURCHARGED,
                f"08{d[2]} numbers (08 outside 0800 to 0809) are not for public services "
                f"{_ARCEP}: treated as surcharged",
            )
        return verdict(Tariff.UNKNOWN, f"0{p} is not an allocated prefix {_ARCEP}")
    if len(d) == 6 and d.startswith("118"):
        return verdict(Tariff.SURCHARGED, f"118 numbers are directory enquiries, surcharged {_ARCEP}")
    if len(d) == 6 and d.startswith("116"):
        return verdict(Tariff.FREE, f"116 numbers are free short numbers {_ARCEP}")
    if len(d) == 4 and d[0] == "3":
        n = int(d)
        if 3000 <= n <= 3007 or 3009 <= n <= 3169 or 3180 <= n <= 3199:
            return verdict(Tariff.FREE, f"{d} is in a free short-number range {_ARCEP}")
        if n >= 3200:
            return verdict(
                Tariff.SHORT_UNDECLARED,
                f"32xx to 39xx short numbers have a tariff set per number {_ARCEP}: the flow must declare it",
            )
        return verdict(Tariff.UNKNOWN, f"{d} is outside the short-number ranges the plan lists")
    if d in _FR_EMERGENCY:
        return verdict(Tariff.FREE, f"{d} is an emergency number, free {_ARCEP}")
    return verdict(Tariff.UNKNOWN, "not a number the French numbering plan table covers")


# phonenumbers' type names, as a reason says them.
_TYPE_NAMES = {
    "FIXED_LINE": "geographic",
    "MOBILE": "mobile",
    "FIXED_LINE_OR_MOBILE": "geographic or mobile",
    "UAN": "non-geographic",
    "VOIP": "VoIP",
    "SHARED_COST": "shared-cost",
    "PERSONAL_NUMBER": "personal",
    "PAGER": "pager",
    "VOICEMAIL": "voicemail",
}


@functools.cache
def _phonenumbers() -> ModuleType:
    """Imported on first use: most flows never speak a foreign number."""
    import phonenumbers

    return phonenumbers


def _classify_other(number: str, compact: str, region: str | None) -> NumberVerdict:
    """Judge by ``phonenumbers``: premium rate is surcharged, toll free is free."""
    pn = _phonenumbers()
    try:
        parsed = pn.parse(compact, region)
    except pn.NumberParseException:
        return NumberVerdict(number, compact, Tariff.UNKNOWN, "cannot be read as a phone number")
    if parsed.country_code == 33:
        return _classify_fr(number, "0" + pn.national_significant_number(parsed))
    e164 = pn.format_number(parsed, pn.PhoneNumberFormat.E164)
    if region and pn.is_valid_number_for_region(parsed, region):
        where = region
    else:
        where = pn.region_code_for_number(parsed) or region or f"+{parsed.country_code}"
    if not pn.is_valid_number(parsed):
        return _classify_short(number, compact, parsed, where)
    kind = pn.number_type(parsed)
    name = _TYPE_NAMES.get(pn.PhoneNumberType.to_string(kind), "standard-rate")
    if kind == pn.PhoneNumberType.PREMIUM_RATE:
        return NumberVerdict(number, e164, Tariff.SURCHARGED, f"premium-rate number in the {where} plan")
    if kind == pn.PhoneNumberType.TOLL_FREE:
        return NumberVerdict(number, e164, Tariff.FREE, f"toll-free number in the {where} plan")
    if kind == pn.PhoneNumberType.UNKNOWN:
        return NumberVerdict(number, e164, Tariff.UNKNOWN, f"number of unknown type in the {where} plan")
    return NumberVerdict(number, e164, Tariff.STANDARD, f"{name} number, standard rate, in the {where} plan")


def _classify_short(number: str, compact: str, parsed: PhoneNumber, where: str) -> NumberVerdict:
    """Short numbers (111, 999, 118 118) have costs of their own in ``phonenumbers``."""
    pn = _phonenumbers()
    sni = pn.shortnumberinfo
    if not sni.is_valid_short_number(parsed):
        return NumberVerdict(number, compact, Tariff.UNKNOWN, f"not a valid number in the {where} plan")
    digits = pn.national_significant_number(parsed)
    cost = sni.expected_cost(parsed)
    tariff = {
        sni.ShortNumberCost.TOLL_FREE: Tariff.FREE,
        sni.ShortNumberCost.STANDARD_RATE: Tariff.STANDARD,
        sni.ShortNumberCost.PREMIUM_RATE: Tariff.SURCHARGED,
    }.get(cost, Tariff.UNKNOWN)
    label = {Tariff.FREE: "free", Tariff.STANDARD: "standard-rate", Tariff.SURCHARGED: "premium-rate"}
    kind = label.get(tariff, "unknown-cost")
    return NumberVerdict(number, digits, tariff, f"{kind} short number in the {where} plan")


@reader
def classify_number(number: str, region: str = "FR") -> NumberVerdict:
    """Tariff of ``number`` as written ("08 92 68 01 01", "+44 113 222 4404", "3939").

    ``region`` is where a national number is dialled ("FR", "GB", or a flow language such
    as "en-GB"; a bare "en" names no country, so its national numbers come out UNKNOWN).
    +33 / 0033 numbers always follow the French table; other international numbers and
    national numbers of other regions go to ``phonenumbers``.
    """
    compact = _compact(number)
    digits = compact.lstrip("+")
    if not digits:
        return NumberVerdict(number, "", Tariff.UNKNOWN, "no digits")
    where = _region(region)
    if compact.startswith("+33"):
        return _classify_fr(number, "0" + compact[3:])
    if compact.startswith("+"):
        return _classify_other(number, compact, None)
    if where == "FR":
        return _classify_fr(number, digits)
    return _classify_other(number, digits, where)


# --- spotting numbers in prompt text ------------------------------------------------------

# A run of digit groups, each separated by one space, dot or hyphen (or "(0)"). Groups are
# taken whole (possessive), so "1.200,50" or "8h30" is rejected rather than cut into a
# number, while "3939 24h/24" gives back its last group and keeps "3939".
_RUN_RE = _lazy.compile(
    r"(?<![\w@/+])(?<!\d[.,:])"
    r"(?:\+\s?)?\d++(?:(?:[ .\-\u00a0\u202f]|\s?\(0\)\s?)\d++)*"
    r"(?![\w@/]|[.,:]\d)"
)
_NANP_PAREN_RE = _lazy.compile(r"(?<![\w)])\(\d{3}\)\s?\d{3}[ .\-]\d{4}(?![\w@/]|[.,:]\d)")
_GROUP_RE = _lazy.compile(r"\d+")
_DIGIT_RE = _lazy.compile(r"\d")

# Context before a number is read as the folded words of its sentence, last ones first.
_CONTEXT_WORD_RE = _lazy.compile(r"[a-z0-9]+")
# A short number is one to call after a calling verb or "numéro" ...
_CALL_WORDS = {
    "fr": frozenset({"joindre", "numero", "tel", "allo", "standard"}),
    "en": frozenset({"ring", "ringing", "phone", "phoning", "number", "tel", "telephone",
                     "helpline", "hotline", "freephone", "textphone", "text"}),
}  # fmt: skip
_CALL_PREFIXES = {
    "fr": ("appel", "rappel", "compos", "contact", "joign", "telephon"),
    "en": ("call", "dial", "contact"),
}
# ... followed by nothing but these small words ("appelez-nous gratuitement au").
_FILLERS = {
    "fr": frozenset({"nous", "le", "la", "les", "l", "au", "aux", "ce", "notre", "gratuitement",
                     "directement", "aussi", "egalement", "plutot", "simplement", "numero",
                     "vert", "court", "unique", "gratuit", "service", "public", "sur"}),
    "en": frozenset({"us", "on", "the", "our", "free", "for", "now", "please", "directly",
                     "instead", "helpline", "number", "team", "line", "is", "of", "charge",
                     "me", "nhs"}),
}  # fmt: skip
# 3xxx and 118 xyz are distinctive enough to need only "le 3939", "au 3646", "on 3939".
_WEAK_WORDS = frozenset({"le", "au", "the", "on"})
# The word right before a number (articles aside): a key, a code, a year, an address.
_NOT_PHONE_JUST_BEFORE = frozenset(
    {"tapez", "touche", "touches", "appuyez", "faites", "dites", "press", "option", "key",
     "select", "enter", "saisissez", "entrez", "poste", "extension", "ext", "en", "in", "since",
     "depuis", "avant", "apres", "before", "after", "until", "jusqu", "annee", "year", "bp",
     "cedex", "pin", "code", "rue", "avenue", "street", "road"}
)  # fmt: skip
_ARTICLES = frozenset({"le", "la", "les", "l", "the", "sur"})
# Words among the last three that make it a file, client or case number.
_NOT_PHONE_NEAR_BEFORE = frozenset(
    {"dossier", "reference", "ref", "allocataire", "fiscal", "fiscale", "contrat",
     "identifiant", "facture", "commande", "colis", "immatriculation", "siret", "siren", "nir",
     "adherent", "matricule", "badge", "postal", "postcode"}
)  # fmt: skip
_NOT_PHONE_NEAR_PAIRS = frozenset(
    {("securite", "sociale"), ("numero", "client"), ("code", "client"), ("compte", "client")}
    | {(w, n) for w in ("case", "account", "policy", "order", "customer", "client", "reference",
                        "membership", "tracking", "invoice", "insurance", "booking", "claim",
                        "application", "payment", "tax")
       for n in ("number", "no", "ref", "reference", "id")}
)  # fmt: skip
# Words just after a number that make it a time, an amount, a date, a rank or an address.
_NOT_PHONE_AFTER_RE = _lazy.compile(
    r"\s*(?:[€$£%]|(?:e|er|ere|eme|st|nd|rd|th|h|heures?|hrs?|hours?|min\w*|sec\w*|jours?|"
    r"days?|mois|months?|ans?|annees?|years?|semaines?|weeks?|euros?|eur|pounds?|dollars?|"
    r"pence|p|personnes?|people|fois|times|rue|avenue|av|bd|boulevard|place|chemin|allee|"
    r"impasse|quai|route|bis|ter|street|road|lane|am|pm|a\.m|p\.m|janvier|fevrier|mars|avril|"
    r"mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|"
    r"jul|aug|sep|sept|oct|nov|dec|km|kg|m2|ko|mo|go|caracteres|chiffres|digits|characters|"
    r"lettres|letters|points?|pages?|articles?)\b)"
)
_KNOWN_SHORT = {
    "fr": _FR_EMERGENCY,
    "en": frozenset({"999", "111", "112", "101", "105", "119", "911", "988", "311", "211", "411"}),
}


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Placeholders, web and e-mail addresses: digits there are not phone numbers."""
    found = find_placeholders(text) + find_email_addresses(text) + find_web_addresses(text)
    return [(s, e) for s, e, _ in found]


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _words_before(folded: str, start: int) -> list[str]:
    """Folded words of the sentence before ``start`` (80 characters at most)."""
    head = folded[max(0, start - 80) : start]
    cut = max(head.rfind("."), head.rfind("!"), head.rfind("?"), head.rfind(";"), head.rfind("\n"))
    return _CONTEXT_WORD_RE.findall(head, cut + 1)


def _is_call_context(words: list[str], lang: str) -> bool:
    """A calling verb or "numéro", then only filler words, just before the number."""
    fillers, call_words, prefixes = _FILLERS[lang], _CALL_WORDS[lang], _CALL_PREFIXES[lang]
    for word in reversed(words):
        if word in call_words or word.startswith(prefixes):
            return True
        if word not in fillers:
            return False
    return False


def _is_not_phone_context(words: list[str]) -> bool:
    """A key to press, a year, an address, or a file, client or case number."""
    i = len(words) - 1
    while i >= 0 and words[i] in _ARTICLES:
        i -= 1
    if i >= 0 and words[i] in _NOT_PHONE_JUST_BEFORE:
        return True
    last = words[-3:]
    if any(w in _NOT_PHONE_NEAR_BEFORE for w in last):
        return True
    tail = words[-4:]
    return any(pair in _NOT_PHONE_NEAR_PAIRS for pair in itertools.pairwise(tail))


def _is_long_phone(raw: str, groups: list[str]) -> bool:
    """International, French/UK national or North-American numbers, recognisable by shape."""
    digits = "".join(groups)
    lens = [len(g) for g in groups]
    if raw.startswith("+"):
        return 8 <= len(digits) <= 15
    if digits.startswith("00"):
        return 11 <= len(digits) <= 15
    if digits.startswith("0"):
        return len(digits) in (10, 11) and (len(groups) == 1 or max(lens) <= 6)
    return lens in ([3, 3, 4], [1, 3, 3, 4]) and (lens[0] == 3 or groups[0] == "1")


def _short_candidate(groups: list[str]) -> int:
    """How many leading groups form a short number (3939, 39 39, 118 712, 112), or 0."""
    first = groups[0]
    if len(first) == 6 and first[:3] in ("118", "116"):
        return 1
    if first in ("118", "116") and len(groups) > 1 and len(groups[1]) == 3:
        return 2
    if len(first) == 4 and first[0] == "3":
        return 1
    if len(first) == 2 and first[0] == "3" and len(groups) > 1 and len(groups[1]) == 2:
        return 2
    if 2 <= len(first) <= 3:
        return 1
    return 0


def _short_ok(number: str, words: list[str], lang: str) -> bool:
    """Short numbers need words that make them a number to call, strong or weak by class."""
    if len(number) == 6 or (len(number) == 4 and number[0] == "3"):
        if words and words[-1] in _WEAK_WORDS:
            return True
        return _is_call_context(words, lang)
    return number in _KNOWN_SHORT[lang] and _is_call_context(words, lang)


@reader
def find_phone_numbers(text: str, lang: str) -> tuple[tuple[int, int, str], ...]:
    """Phone numbers a prompt speaks, as ``(start, end, number as written)``.

    Long numbers are recognised by their shape (``08 92 68 01 01``, ``0 809 401 401``,
    ``+33 1 23 45 67 89``, ``0113 222 4404``); short ones (``3939``, ``118 712``, ``15``,
    ``999``) only after words that make them a number to call ("appelez le", "composez",
    "call", "dial", and for 3xxx / 118xyz also "le", "au", "on"). Times, dates, amounts,
    file numbers, keys to press, addresses and placeholders are left alone. Numbers read
    out in words ("zéro huit cent...") are not spotted.
    """
    if not _DIGIT_RE.search(text):
        return ()
    key = "en" if lang[:2].lower() == "en" else "fr"
    folded = fold(text)
    excluded: list[tuple[int, int]] | None = None
    found: list[tuple[int, int, str]] = []
    known_short = _KNOWN_SHORT[key]
    for m in _RUN_RE.finditer(text):
        raw = m.group()
        if len(raw) < 8 and raw[0] != "+" and (len(raw) == 1 or not raw[1].isdigit()):
            continue  # a first group of one digit and under 8 digits: neither long nor short (a key, "1.2")
        spans = [g.span() for g in _GROUP_RE.finditer(_TRUNK_IN_BRACKETS_RE.sub(_blank, raw) if "(" in raw else raw)]
        groups = [raw[a:b] for a, b in spans]
        start, end = m.start(), m.end()
        if _is_long_phone(raw, groups):
            words = _words_before(folded, start)
        else:
            take = _short_candidate(groups)
            if not take:
                continue
            number = "".join(groups[:take])
            if not (len(number) == 6 or (len(number) == 4 and number[0] == "3")) and number not in known_short:
                continue  # (what `_short_ok` says before it reads the words)
            words = _words_before(folded, start)
            if not _short_ok(number, words, key):
                continue
            end = start + spans[take - 1][1]
        if _is_not_phone_context(words) or _NOT_PHONE_AFTER_RE.match(folded, end):
            continue
        if excluded is None:
            excluded = _excluded_spans(text)
        if any(s < end and start < e for s, e in excluded):
            continue
        found.append((start, end, text[start:end]))
    for m in _NANP_PAREN_RE.finditer(text) if "(" in text else ():
        if not any(s < m.end() and m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), m.group()))
    found.sort()
    return tuple(found)
