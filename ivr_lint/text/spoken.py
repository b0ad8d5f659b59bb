"""What a TTS voice says for a prompt, and how long it takes.

Rules such as ``long-prompt`` and ``slow-agent-path`` need prompt durations long before any
audio exists, so we estimate them from the text: turn it into the words a voice would say
(numbers, phone numbers, times, amounts, e-mail and web addresses, symbols) and divide by a
speech rate. Later issues may replace this with measured audio; callers should only rely on
:func:`estimate_seconds` returning seconds.

Reading conventions (French unless the language is ``en``):

* phone numbers: French ones are said in pairs of digits, whatever their grouping
  ("01 23 45 67 89", "0 809 401 401", and a short number 3xxx after "le", "au", "composez"...:
  "le 3230" is "le trente-deux trente"; "+33" is "plus trente-trois", then the first digit
  alone); in English every digit is said alone (short numbers in pairs);
* amounts, years and other numbers are said as cardinals (English years after "in", "since",
  ... are said in two halves: "nineteen ninety");
* times: "8h30" -> "huit heures trente"; "8:30am" -> "eight thirty a m";
* e-mail and web addresses are read piece by piece: "accueil@caf.fr" ->
  "accueil arobase caf point fr"; a piece of three letters or more with no vowel ("www",
  "sncf") is spelled letter by letter, and so are capitals a voice spells ("CPAM", "NHS");
* a placeholder such as ``{wait_minutes}`` stands for a number and its unit: two words, both
  returned as the placeholder itself;
* punctuation is not spoken; ``*`` and ``#`` are "étoile"/"star" and "dièse"/"hash", ``%``
  "pour cent"/"percent", ``€`` "euros".

Words are counted as written: "trente-deux" and "aujourd'hui" are one word each. Results are
cached per (text, language), since several rules ask for the same prompt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ivr_lint.text import _lazy
from ivr_lint.text._memo import reader

__all__ = [
    "SENTENCE_PAUSE_SECONDS",
    "estimate_seconds",
    "number_words",
    "spoken_words",
]

#: Silence added between two sentences (not after the last one): TTS voices leave a short
#: pause at a full stop that a words-per-minute rate measured on running speech only partly
#: covers; prompts made of many short sentences ("Tapez 1. Tapez 2.") are slower than their
#: word count suggests.
SENTENCE_PAUSE_SECONDS = 0.3

_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸŒÆ")


def _is_en(lang: str) -> bool:
    """English rules only for English; every other language falls back to French."""
    return lang[:2].lower() == "en"


# --- number words -------------------------------------------------------------------------

_FR_UNITS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}

_EN_ONES = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = {
    2: "twenty",
    3: "thirty",
    4: "forty",
    5: "fifty",
    6: "sixty",
    7: "seventy",
    8: "eighty",
    9: "ninety",
}

_MAX_CARDINAL = 10**12 - 1


def _fr_below_100(n: int) -> str:
    """French 0-99 in traditional spelling: hyphens inside, "et" apart ("vingt et un")."""
    if n <= 16:
        return _FR_UNITS[n]
    if n < 20:
        return "dix-" + _FR_UNITS[n - 10]
    tens, unit = divmod(n, 10)
    if tens == 7:
        return "soixante et onze" if unit == 1 else "soixante-" + _fr_below_100(10 + unit)
    if tens == 8:
        return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _FR_UNITS[unit]
    if tens == 9:
        return "quatre-vingt-" + _fr_below_100(10 + unit)
    if unit == 0:
        return _FR_TENS[tens]
    if unit == 1:
        return _FR_TENS[tens] + " et un"
    return _FR_TENS[tens] + "-" + _FR_UNITS[unit]


def _fr_below_1000(n: int, final: bool) -> str:
    """French 1-999; ``final`` is False before "mille", which drops the plural s of cent/vingt."""
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        text = _fr_below_100(rest)
        return text[:-1] if not final and text == "quatre-vingts" else text
    head = "cent" if hundreds == 1 else _FR_UNITS[hundreds] + " cent"
    if not rest:
        return head + ("s" if hundreds > 1 and final else "")
    tail = _fr_below_100(rest)
    if not final and tail == "quatre-vingts":
        tail = "quatre-vingt"
    return head + " " + tail


def _fr_cardinal(n: int) -> str:
    if n == 0:
        return "zéro"
    parts = []
    for value, name in ((10**9, "milliard"), (10**6, "million")):
        count, n = divmod(n, value)
        if count:
            parts.append(f"{_fr_below_1000(count, True)} {name}{'s' if count > 1 else ''}")
    count, n = divmod(n, 1000)
    if count:
        parts.append("mille" if count == 1 else _fr_below_1000(count, False) + " mille")
    if n:
        parts.append(_fr_below_1000(n, True))
    return " ".join(parts)


def _en_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if rest < 20:
        tail = _EN_ONES[rest] if rest else ""
    else:
        tens, unit = divmod(rest, 10)
        tail = _EN_TENS[tens] + ("-" + _EN_ONES[unit] if unit else "")
    if not hundreds:
        return tail
    return _EN_ONES[hundreds] + " hundred" + (" and " + tail if tail else "")


def _en_cardinal(n: int) -> str:
    """British style, as num2words says it: "one hundred and five", no commas."""
    if n == 0:
        return "zero"
    parts = []
    for value, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        count, n = divmod(n, value)
        if count:
            parts.append(f"{_en_below_1000(count)} {name}")
    if n:
        parts.append(("and " if parts and n < 100 else "") + _en_below_1000(n))
    return " ".join(parts)


def number_words(n: int, lang: str, feminine: bool = False) -> list[str]:
    """Say a non-negative integer as words ("trente-deux" is one word, "vingt et un" three).

    ``feminine`` gives French "une" for a final "un" ("vingt et une heures"). Numbers of a
    trillion and more are said digit by digit, as a voice reading an identifier would.
    """
    if n > _MAX_CARDINAL:
        return _digits(str(n), lang)
    if _is_en(lang):
        return _en_cardinal(n).split()
    words = _fr_cardinal(n).split()
    if feminine:
        last = words[-1]
        if last == "un":
            words[-1] = "une"
        elif last.endswith("-un"):
            words[-1] = last + "e"
    return words


@lru_cache(maxsize=4096)
def _cardinal(n: int, en: bool, feminine: bool = False) -> tuple[str, ...]:
    return tuple(number_words(n, "en" if en else "fr", feminine))


def _digits(digits: str, lang: str) -> list[str]:
    table = _EN_ONES if _is_en(lang) else _FR_UNITS
    return [table[int(d)] for d in digits if d.isdigit()]


def _pairs(digits: str, en: bool) -> list[str]:
    """French way of saying a phone number: two digits at a time, "0X" as "zéro X"."""
    out: list[str] = []
    start = len(digits) % 2
    if start:
        out.extend(_cardinal(int(digits[0]), en))
    for i in range(start, len(digits), 2):
        pair = digits[i : i + 2]
        if pair[0] == "0":
            out.extend(_cardinal(0, en))
            out.extend(_cardinal(int(pair[1]), en))
        else:
            out.extend(_cardinal(int(pair), en))
    return out


def _fr_ordinal(n: int, feminine: bool) -> list[str]:
    if n == 1:
        return ["première" if feminine else "premier"]
    words = list(_cardinal(n, False))
    last = words[-1]
    head, sep, tail = last.rpartition("-")
    if tail == "cinq":
        tail = "cinqu"
    elif tail == "neuf":
        tail = "neuv"
    elif tail in ("cents", "vingts") or tail.endswith("e"):
        tail = tail[:-1]  # deux centième, quatre-vingtième, quatrième
    words[-1] = head + sep + tail + "ième"
    return words


_EN_ORDINAL_IRREGULAR = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _en_ordinal(n: int) -> list[str]:
    words = list(_cardinal(n, True))
    head, sep, tail = words[-1].rpartition("-")
    if tail in _EN_ORDINAL_IRREGULAR:
        tail = _EN_ORDINAL_IRREGULAR[tail]
    elif tail.endswith("y"):
        tail = tail[:-1] + "ieth"
    else:
        tail += "th"
    words[-1] = head + sep + tail
    return words


def _en_year(n: int) -> list[str]:
    """English years in two halves: 1990 "nineteen ninety", 2024 "twenty twenty-four"."""
    high, low = divmod(n, 100)
    if 2000 <= n <= 2009:
        return list(_cardinal(n, True))
    if low == 0:
        return [*_cardinal(high, True), "hundred"]
    if low < 10:
        return [*_cardinal(high, True), "oh", *_cardinal(low, True)]
    return [*_cardinal(high, True), *_cardinal(low, True)]


# --- words for symbols and abbreviations ----------------------------------------------------

_SYMBOLS = {
    "fr": {
        "*": ("étoile",),
        "#": ("dièse",),
        "€": ("euros",),
        "$": ("dollars",),
        "£": ("livres",),
        "%": ("pour", "cent"),
        "&": ("et",),
        "+": ("plus",),
        "@": ("arobase",),
        "°": ("degrés",),
        "=": ("égal",),
        "§": ("paragraphe",),
    },
    "en": {
        "*": ("star",),
        "#": ("hash",),
        "€": ("euros",),
        "$": ("dollars",),
        "£": ("pounds",),
        "%": ("percent",),
        "&": ("and",),
        "+": ("plus",),
        "@": ("at",),
        "°": ("degrees",),
        "=": ("equals",),
        "§": ("section",),
    },
}

_ABBREVIATIONS = {
    "fr": {
        "m.": ("monsieur",),
        "mme": ("madame",),
        "mmes": ("mesdames",),
        "mlle": ("mademoiselle",),
        "etc.": ("et", "cetera"),
        "cf.": ("voir",),
        "tél.": ("téléphone",),
        "n°": ("numéro",),
    },
    "en": {
        "mr.": ("mister",),
        "mr": ("mister",),
        "mrs.": ("missus",),
        "mrs": ("missus",),
        "dr.": ("doctor",),
        "etc.": ("et", "cetera"),
        "e.g.": ("for", "example"),
        "i.e.": ("that", "is"),
        "approx.": ("approximately",),
        "tel.": ("telephone",),
        "n°": ("number",),
        "no.": ("number",),
    },
}

#: Units said after a number: (singular, plural).
_UNITS = {
    "fr": {
        "min": ("minute", "minutes"),
        "mn": ("minute", "minutes"),
        "mins": ("minute", "minutes"),
        "sec": ("seconde", "secondes"),
        "h": ("heure", "heures"),
        "j": ("jour", "jours"),
        "km": ("kilomètre", "kilomètres"),
        "kg": ("kilo", "kilos"),
    },
    "en": {
        "min": ("minute", "minutes"),
        "mins": ("minute", "minutes"),
        "sec": ("second", "seconds"),
        "secs": ("second", "seconds"),
        "hr": ("hour", "hours"),
        "hrs": ("hour", "hours"),
        "km": ("kilometre", "kilometres"),
        "kg": ("kilo", "kilos"),
    },
}

_FR_FEMININE_NOUN = _lazy.compile(
    r"\s*(?:heures?|minutes?|min\b|mn\b|secondes?|semaines?|fois|personnes?|années?|journées?|options?"
    r"|touches?|étapes?|pièces?)\b",
    re.IGNORECASE,
)
_EN_YEAR_CONTEXT = _lazy.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|year|before|after|January|February|March|April"
    r"|May|June|July|August|September|October|November|December)|\d(?:st|nd|rd|th)?)\s+$",
    re.IGNORECASE,
)
_SHORT_NUMBER_CONTEXT = _lazy.compile(
    r"\b(?:le|au|du|numéro|appelez|composez|contactez|joindre|call|dial|ring|on|number)\s+$",
    re.IGNORECASE,
)

_FR_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# --- the scanner ----------------------------------------------------------------------------

_SEP = r"[ .\-\u00a0\u202f]"
_TLD = (
    r"(?:fr|com|org|net|eu|info|io|gouv|gov|uk|be|ch|ca|lu|re|de|es|it|edu|int|app|dev|bzh"
    r"|paris|corsica|us|nc|pf|gp|mq|gf|yt|pm|wf|asso|ie|nz|au)"
)
_COMMON = {
    "placeholder": r"\{[^{}\s]+\}",
    "email": r"(?<![\w.+-])[\w.+-]*\w@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b",
    "url": (
        r"(?<![\w@.])(?:(?i:https?://|www\.)[\w-]+(?:\.[\w-]+)+"
        r"|[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\." + _TLD + r"\b)"
        r"(?:/[\w\-./%?=&#~]*[\w/])?"
    ),
    "date": r"(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])",
    "ratio": r"(?<![\d/])\d{1,2}\s?[hHjJ]?\s?/\s?\d{1,2}(?![\d/])",
}
_FR_ONLY = {
    "time": r"(?<![\d,.])(?:[01]?\d|2[0-4])(?:\s?[hH](?![^\W\d_])\s?(?:[0-5]\d(?!\d))?|:[0-5]\d(?!\d))",
    "money": (
        r"(?<![\d,])(?:\d{1,3}(?:[ .\u00a0\u202f]\d{3})+|\d+)(?:,\d{1,2})?\s?(?:€|euros?\b|EUR\b)"
        r"(?:(?<=€)\d{2}(?!\d))?"
    ),
    "phone": r"(?<![\w+])(?:\+\d|0)(?:" + _SEP + r"?\d){8,13}(?!\d)",
    "ordinal": r"(?<![\w,.])\d+(?:ère|ères|ème|èmes|eme|er|re|res|nde?|e|ᵉʳ|ᵉ)(?![^\W\d_])",
    "number": r"(?<![\w,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?:,\d+)?",
}
_EN_ONLY = {
    "time": (
        r"(?<![\d,.:])(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?i:[ap]\.?\s?m\b\.?)"
        r"|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d))"
    ),
    "money": (
        r"(?<![\d.])[€$£]\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?(?!\d)"
        r"|(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?\s?(?:€|euros?\b|EUR\b)"
    ),
    "phone": r"(?<![\w+])(?:\+\d|0)(?:" + _SEP + r"?\d){8,13}(?!\d)",
    "ordinal": r"(?<![\w,.])\d+(?:st|nd|rd|th)(?![^\W\d_])",
    "number": r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?",
}
_TAIL = {
    "fr_abbr": r"(?<![\w.])(?:M\.(?=\s)|Mmes?\b|Mlle\b|etc\.|cf\.|[Tt]él\.|[nN]°)",
    "en_abbr": r"(?<![\w.])(?:Mrs?\.?(?=\s)|Dr\.(?=\s)|etc\.|e\.g\.|i\.e\.|approx\.|[Tt]el\.|[nN]°|No\.(?=\s?\d))",
    "word": r"[^\W\d_]+(?:['’\-][^\W\d_]+)*",
    "dash": r"[-–—](?=\s?\d)",
    "symbol": r"[*#€$£%&+@°=§]",
    "stop": r"[.!?…]+|\n\s*\n|;",
}


#: An ordinary word, tried first because it is most of any prompt: letters not followed by what
#: would make them an address ("caf.fr", "accueil@") and not an abbreviation ("M.", "etc.").
_PLAIN_WORD = (
    r"(?!(?:M|Mrs?|Ms|Dr|etc|cf|approx|[Tt][ée]l|No|e\.g|i\.e)\.|(?:Mmes?|Mlle|Mrs?)\b|[nN]°)"
    r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w@\-]|\.\w|:/)"
)


#: What may stand between two words of a run, or before a token: not a blank line (a pause).
_GAP = r"(?:[ \t\r,:()«»\"\[\]]|\n(?![ \t]*\n))"


#: a web address is written with "http(s)://", "www." or a known domain ending (the first
#: character tried as a set: the search skips the rest of the text at C speed)
_MAY_BE_URL = _lazy.compile(r"[.:wW](?:(?<=\.)" + _TLD + r"\b|(?<=:)//|(?<=[wW])[wW]{2}\.)")


def _master(lang: str, present: frozenset[str] = frozenset(_COMMON)) -> re.Pattern[str]:
    """The tokenizer of `lang`, with only the token kinds of `_COMMON` in `present`: a kind
    the text cannot hold is left out (every kind left out costs a failed try at each token)."""
    lang_only, abbr = (_EN_ONLY, "en_abbr") if lang == "en" else (_FR_ONLY, "fr_abbr")
    # A run of plain words is one match: the Python loop then runs per run, not per word.
    # The look-ahead for a letter fails at once where a number or a stop starts.
    plain_run = rf"(?=[^\W\d_]){_PLAIN_WORD}(?:{_GAP}+{_PLAIN_WORD})*"
    parts = {"plain": plain_run, **{k: v for k, v in _COMMON.items() if k in present}, **lang_only,
             "abbr": _TAIL[abbr]}
    parts.update({k: v for k, v in _TAIL.items() if not k.endswith("_abbr")})
    # Leading blanks and commas are eaten by the next token's match: far fewer failed tries.
    alternatives = "|".join(f"(?P<{name}>{rx})" for name, rx in parts.items())
    return _lazy.compile(rf"{_GAP}*(?:{alternatives})")


_MASTERS: dict[tuple[str, bool, bool, bool], re.Pattern[str]] = {}


def _master_for(text: str, lang: str) -> re.Pattern[str]:
    """The tokenizer for `text`: without the kinds whose necessary character (or, for web
    addresses, whose necessary start or ending) the text lacks; the tokens are the same."""
    at, slash = "@" in text, "/" in text
    url = _MAY_BE_URL.search(text) is not None
    master = _MASTERS.get((lang, at, slash, url))
    if master is None:
        present = frozenset(kind for kind, need in (("placeholder", True), ("email", at), ("url", url),
                                                    ("date", slash), ("ratio", slash)) if need)
        master = _MASTERS[lang, at, slash, url] = _master(lang, present)
    return master


_WORD = _lazy.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_CAPITALS = _lazy.compile(r"[A-ZÀ-ÖØ-Þ]{2}")
_ADDRESS_PIECE = _lazy.compile(r"[^\W\d_]+|\d+|[./\-_@+:]")
_NON_DIGIT = _lazy.compile(r"\D")
_RATIO = _lazy.compile(r"(\d+)\s?([hHjJ]?)\s?/\s?(\d+)")
_FR_TIME = _lazy.compile(r"(\d+)\s?(?:[hH:])\s?(\d*)")
_EN_TIME = _lazy.compile(r"(\d+)(?:[:.](\d+))?\s?([aApP]?)")
_SPACES = _lazy.compile(r"[ \u00a0\u202f]")
#: Two consonants that can start a word, so "CLIC" or "STAR" may be read, not spelled.
_ONSETS = frozenset(
    (
        "bl",
        "br",
        "ch",
        "cl",
        "cr",
        "dr",
        "fl",
        "fr",
        "gl",
        "gr",
        "gn",
        "kn",
        "ph",
        "pl",
        "pr",
        "ps",
        "qu",
        "sc",
        "sh",
        "sk",
        "sl",
        "sm",
        "sn",
        "sp",
        "st",
        "sw",
        "th",
        "tr",
        "vr",
        "wh",
        "wr",
    )
)


def _spell_letters(word: str) -> list[str]:
    return [c.lower() for c in word]


def _is_spelled_acronym(word: str) -> bool:
    """Capitals a voice spells out ("CPAM", "SNCF", "RSA", "IVR") rather than reads ("CAF")."""
    if not (2 <= len(word) <= 5 and word.isalpha() and word.isupper()):
        return False
    if not any(c in _VOWELS for c in word):
        return True
    first, second = word[0] in _VOWELS, word[1] in _VOWELS
    if not first and not second:
        return word[:2].lower() not in _ONSETS
    if first and len(word) == 3:
        return not any(c in _VOWELS for c in word[1:])
    return False


def _say_address(text: str, en: bool) -> list[str]:
    """Spell an e-mail or web address piece by piece, as a voice reads it out."""
    names = {
        ".": ("dot",) if en else ("point",),
        "/": ("slash",),
        "-": ("dash",) if en else ("tiret",),
        "_": ("underscore",) if en else ("tiret", "bas"),
        "@": ("at",) if en else ("arobase",),
        "+": ("plus",),
        ":": ("colon",) if en else ("deux", "points"),
    }
    out: list[str] = []
    for piece in _ADDRESS_PIECE.findall(text):
        if piece in names:
            out.extend(names[piece])
        elif piece.isdigit():
            out.extend(_say_integer_text(piece, en))
        elif len(piece) > 2 and not any(c in _VOWELS for c in piece) or piece.lower() == "https":
            out.extend(_spell_letters(piece))
        else:
            out.append(piece)
    return out


def _say_integer_text(digits: str, en: bool) -> tuple[str, ...] | list[str]:
    """Digits with a leading zero are an identifier: one digit at a time."""
    if len(digits) > 1 and digits[0] == "0":
        return _digits(digits, "en" if en else "fr")
    return _cardinal(int(digits), en)


def _say_phone(text: str, en: bool) -> list[str]:
    digits = _NON_DIGIT.sub("", text)
    plus = text.lstrip().startswith("+")
    if en:
        return (["plus"] if plus else []) + _digits(digits, "en")
    out: list[str] = []
    if plus:
        out.append("plus")
        if digits.startswith("33"):
            out.extend(_cardinal(33, False))
            digits = digits[2:]
        else:
            groups = [g for g in re.split(r"\D+", text) if g]
            out.extend(_cardinal(int(groups[0]), False))
            digits = digits[len(groups[0]) :]
    return out + _pairs(digits, False)


def _say_time(text: str, en: bool) -> list[str]:
    if en:
        m = _EN_TIME.match(text)
        hour, minutes, half = int(m.group(1)), int(m.group(2) or 0), m.group(3).lower()
        out = list(_cardinal(hour, True))
        if minutes:
            out += ["oh", *_cardinal(minutes, True)] if minutes < 10 else _cardinal(minutes, True)
        if half:
            return out + [half, "m"]
        if not minutes:
            out.append("hundred" if hour > 12 or hour == 0 else "o'clock")
        return out
    m = _FR_TIME.match(text)
    hour, minutes = int(m.group(1)), int(m.group(2) or 0)
    out = [*_cardinal(hour, False, True), "heure" if hour <= 1 else "heures"]
    if minutes:
        out.extend(_cardinal(minutes, False))
    return out


def _say_money(text: str, en: bool) -> list[str]:
    symbol = next((c for c in text if c in "€$£"), "€")
    if en:
        body = text.replace(",", "")
        amount = re.search(r"\d+(?:\.\d{2})?", body).group()
        whole, _, cents = amount.partition(".")
    else:
        m = re.match(r"([\d .\u00a0\u202f]*\d)(?:,(\d{1,2}))?\s?(?:€|euros?|EUR)(?:\s?(\d{2}))?", text)
        whole = re.sub(r"\D", "", m.group(1))
        cents = m.group(2) or m.group(3) or ""
    units = {
        "€": ("euro", "euros"),
        "$": ("dollar", "dollars"),
        "£": ("pound", "pounds") if en else ("livre", "livres"),
    }[symbol]
    small = ("cent", "cents") if symbol != "£" else ("penny", "pence")
    if not en:
        small = ("centime", "centimes")
    n, c = int(whole), int(cents.ljust(2, "0")) if cents else 0
    out: list[str] = []
    if n or not c:
        unit = units[0] if n <= 1 else units[1]
        if not en and n and n % 10**6 == 0:
            unit = "d'" + unit  # un million d'euros
        out += [*_cardinal(n, en), unit]
    if c:
        out.extend(_cardinal(c, en))
        if not n:
            out.append(small[0] if c == 1 else small[1])
    return out


def _say_number(text: str, en: bool) -> list[str]:
    if en:
        whole, _, frac = text.replace(",", "").partition(".")
        out = list(_say_integer_text(whole, en))
        if frac:
            out += ["point", *_digits(frac, "en")]
        return out
    whole, _, frac = _SPACES.sub("", text).partition(",")
    out = list(_say_integer_text(whole, en))
    if frac:
        zeros = len(frac) - len(frac.lstrip("0"))
        out += ["virgule", *(["zéro"] * zeros)]
        if frac.lstrip("0"):
            out.extend(_cardinal(int(frac), False))
    return out


def _say_date(text: str, en: bool) -> list[str]:
    day, month, year = (int(x) for x in text.split("/"))
    if len(text.rsplit("/", 1)[1]) == 2:
        year += 2000
    if en or not (1 <= day <= 31 and 1 <= month <= 12):
        return [*_cardinal(day, en), *_cardinal(month, en), *(_en_year(year) if en else _cardinal(year, en))]
    return [*(["premier"] if day == 1 else _cardinal(day, False)), _FR_MONTHS[month - 1], *_cardinal(year, False)]


def _say_ratio(text: str, en: bool) -> list[str]:
    m = _RATIO.match(text)
    a, unit, b = int(m.group(1)), m.group(2).lower(), int(m.group(3))
    if en:
        return [*_cardinal(a, True), *_cardinal(b, True)]
    out = list(_cardinal(a, False, unit == "h"))
    if unit:
        out.append({"h": "heures" if a > 1 else "heure", "j": "jours" if a > 1 else "jour"}[unit])
    return [*out, "sur", *_cardinal(b, False, unit == "h")]


def _say_ordinal(text: str, en: bool) -> list[str]:
    digits = text.rstrip("abcdefghijklmnopqrstuvwxyzèᵉʳ")
    n = int(digits)
    if en:
        return _en_ordinal(n)
    suffix = text[len(digits) :]
    if suffix.startswith("nd"):
        return ["seconde" if suffix == "nde" else "second"]
    return _fr_ordinal(n, suffix in ("re", "res", "ère", "ères"))


def _say_plain_number(text: str, token: str, start: int, en: bool) -> Sequence[str]:
    """A bare number, read by what surrounds it: short phone number, English year, cardinal."""
    if len(token) <= 2 and token.isdigit() and token[0] != "0":
        said = _cardinal(int(token), en)
        if en or not said[-1].endswith("un") or not _FR_FEMININE_NOUN.match(text, start + len(token)):
            return said
        return _cardinal(int(token), en, True)
    before = max(0, start - 12)
    if len(token) == 4 and token.isdigit():
        if token[0] == "3" and _SHORT_NUMBER_CONTEXT.search(text, before, start):
            return _pairs(token, en)
        if en and 1100 <= int(token) <= 2099 and _EN_YEAR_CONTEXT.search(text, before, start):
            return _en_year(int(token))
    said = _say_number(token, en)
    if not en and token.isdigit() and _FR_FEMININE_NOUN.match(text, start + len(token)):
        last = said[-1]
        if last == "un" or last.endswith("-un"):
            said[-1] = last + "e"
    return said


_SAYERS = {
    "email": _say_address,
    "url": _say_address,
    "phone": _say_phone,
    "time": _say_time,
    "money": _say_money,
    "ordinal": _say_ordinal,
    "date": _say_date,
    "ratio": _say_ratio,
}
_NUMBER_LIKE = frozenset(("time", "money", "ordinal", "ratio", "date", "phone"))


#: what `_say_plain_number` says for each number of one or two digits ("7", "21", "05"), per
#: language: (said, said before a feminine noun ("une heure") or None when the same), since
#: only a feminine noun after such a number changes how it is said
_SHORT_NUMBERS: dict[bool, dict[str, tuple[Sequence[str], Sequence[str] | None]]] = {}


def _short_numbers(en: bool) -> dict[str, tuple[Sequence[str], Sequence[str] | None]]:
    table = _SHORT_NUMBERS.get(en)
    if table is None:
        table = _SHORT_NUMBERS[en] = {}
        for token in [str(n) for n in range(100)] + [f"0{n}" for n in range(10)]:
            said = _say_plain_number(token, token, 0, en)
            feminine = _say_plain_number(f"{token} heures", token, 0, en)
            table[token] = (said, None if list(feminine) == list(said) else feminine)
    return table


@reader
def _scan(text: str, en: bool) -> tuple[tuple[str, ...], int]:
    """The words said and the number of pauses between sentences."""
    lang = "en" if en else "fr"
    symbols, abbreviations, units = _SYMBOLS[lang], _ABBREVIATIONS[lang], _UNITS[lang]
    short = _short_numbers(en)
    capitals = _CAPITALS.search(text) is not None  # else no run of words can hold an acronym
    words: list[str] = []
    add, extend = words.append, words.extend
    last_number_end = -2
    last_number_one = False
    stops: set[int] = set()
    for m in _master_for(text, lang).finditer(text):
        kind = m.lastgroup
        if kind == "stop":
            stops.add(len(words))
            continue
        token = m.group(kind)
        start = m.start(kind)
        if kind == "plain":
            run = _WORD.findall(token)
            if start - last_number_end <= 1 and run[0].lower() in units:
                unit = units[run[0].lower()]
                add(unit[0] if last_number_one else unit[1])
                run = run[1:]
            if capitals and _CAPITALS.search(token):
                for word in run:
                    if _is_spelled_acronym(word):
                        extend(_spell_letters(word))
                    else:
                        add(word)
            else:
                extend(run)
            continue
        if kind == "number":
            said = short.get(token)
            if said is None:
                extend(_say_plain_number(text, token, start, en))
            elif said[1] is not None and _FR_FEMININE_NOUN.match(text, start + len(token)):
                extend(said[1])
            else:
                extend(said[0])
            last_number_end, last_number_one = m.end(), token == "1"
            continue
        if kind == "word":
            unit = units.get(token.lower()) if start - last_number_end <= 1 else None
            if unit:
                add(unit[0] if last_number_one else unit[1])
            elif _is_spelled_acronym(token):
                extend(_spell_letters(token))
            else:
                add(token)
            continue
        if kind == "dash":
            if start - last_number_end <= 1 and words:
                add("to" if en else "à")
            continue
        if kind == "placeholder":
            extend((token, token))
        elif kind == "abbr":
            extend(abbreviations.get(token.lower(), ()))
        elif kind == "symbol":
            extend(symbols[token])
        else:
            extend(_SAYERS[kind](token, en))
        last_number_end = m.end() if kind in _NUMBER_LIKE else -2
        last_number_one = False
    pauses = sum(1 for count in stops if 0 < count < len(words))
    return tuple(words), pauses


def spoken_words(text: str, lang: str) -> list[str]:
    """The words a TTS voice says for ``text`` in ``lang`` ("fr" or "en"), in order.

    Ordinary words are returned as written; words made up from digits, symbols and addresses
    are lower case. See the module docstring for the reading conventions.
    """
    return list(_scan(_split_long_digit_runs(text), _is_en(lang))[0])


_LONG_DIGITS = _lazy.compile(r"\d{16,}")


def _split_long_digit_runs(text: str) -> str:
    """No voice reads a 16-digit run as one number: it is said digit by digit (and Python
    refuses to turn digit runs of over 4,300 characters into numbers at all)."""
    return _LONG_DIGITS.sub(lambda m: " ".join(m.group()), text) if len(text) > 15 else text


@reader
def estimate_seconds(
    text: str,
    lang: str,
    words_per_minute: float = 150.0,
    sentence_pause: float = SENTENCE_PAUSE_SECONDS,
) -> float:
    """Seconds a voice takes to say ``text``: spoken words at ``words_per_minute``, plus
    ``sentence_pause`` for each sentence break followed by more speech (none after the last).
    """
    words, pauses = _scan(_split_long_digit_runs(text), _is_en(lang))
    return len(words) / words_per_minute * 60.0 + pauses * sentence_pause
