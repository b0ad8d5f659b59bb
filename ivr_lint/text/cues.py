"""What a prompt tells the caller: wait estimate, quieter hours, callback, other channels.

Read by meaning in French and English, for the congestion (M4), closed-message (M5),
service-info (M3) and accessibility (M7) rules. Each ``read_*`` function returns a :class:`Cue`
(sure, or unsure with the sentence and what could not be confirmed) or ``None``; each
``mentions_*`` function returns the span ``(start, end)`` of a sure cue or ``None``, so a
finding can quote what was heard. Readers match word classes on lemmas (``vocabulary.py``)
and times through the hours reader, and err towards *not* claiming: a missed cue costs a
finding the author can check, a false cue hides a real gap.

Matching runs on a folded copy of the text (lower case, accents and typographic apostrophes
removed) that keeps every character's offset, so spans index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ivr_lint.text import _lazy
from ivr_lint.text._memo import reader
from ivr_lint.text.hours import TimeMention, days_meant, find_time_mentions, parse_spoken_hours
from ivr_lint.text.vocabulary import concept, lemmas

Span = tuple[int, int]
Match = tuple[int, int, str]

# --- folding -------------------------------------------------------------------------------

_FOLD_FROM = "àâäáãåéèêëîïíìôöóòõùûüúÿçñ’‘ʼ´`\u00a0\u202f\u2009"
_FOLD_TO = "aaaaaaeeeeiiiiooooouuuuycn" + "'" * 5 + " " * 3
_FOLD_PAIRS = tuple(zip(_FOLD_FROM, _FOLD_TO, strict=True))


@reader
def fold(text: str) -> str:
    """Lower-case, drop accents, straighten apostrophes; same length, so offsets hold.

    Prompts are typed with and without accents, with ' or ’: patterns are written once,
    unaccented, and still index the original text. Cached, since every detector folds the
    same prompt; chained ``str.replace`` is six times faster than ``str.translate`` here.
    """
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: keep such letters as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if low.isascii():
        return low
    for accented, plain in _FOLD_PAIRS:
        if accented in low:
            low = low.replace(accented, plain)
    return low


# --- placeholders, web and e-mail addresses --------------------------------------------------

_PLACEHOLDER_RE = _lazy.compile(r"\{[^{}\n]{0,80}\}")

_TLDS = (
    r"fr|com|org|net|eu|info|gouv|gov|uk|be|ch|ca|lu|mc|re|gp|mq|gf|yt|pm|nc|pf|wf|"
    r"io|app|de|es|it|nl|ie|us|edu|int|paris|bzh|alsace|corsica|nhs|scot|wales|cymru|london"
)
_URL_RE = _lazy.compile(
    r"(?<![\w@.-])(?:"
    r"https?://[^\s<>\"]+"  # full URL
    r"|www\.[^\W_][\w-]*(?:\.[^\W_][\w-]*)+(?:/[^\s<>\"]*)?"  # www.anything
    r"|(?:[^\W_][\w-]*\.)+(?:" + _TLDS + r")(?![\w-])(?:/[^\s<>\"]*)?"  # bare domain, known TLD
    r")",
    re.IGNORECASE,
)
_SPOKEN_URL_RE = _lazy.compile(
    r"\b(?:[^\W_][\w-]*\s+(?:point|dot)\s+)+(?:fr|com|org|net|eu|uk|gouv\s+point\s+fr|"
    r"gov\s+dot\s+uk|co\s+dot\s+uk|nhs\s+dot\s+uk|org\s+dot\s+uk)\b",
    re.IGNORECASE,
)
_EMAIL_RE = _lazy.compile(r"(?<![\w.+-])[\w.+-]+@[^\W_][\w-]*(?:\.[\w-]+)+", re.IGNORECASE)
_SPOKEN_EMAIL_RE = _lazy.compile(
    r"\b[\w.-]+\s+(?:arobase|at)\s+(?:[^\W_][\w-]*\s+(?:point|dot)\s+)+"
    r"(?:fr|com|org|net|eu|uk)\b",
    re.IGNORECASE,
)
_TRAILING_PUNCT_RE = _lazy.compile(r"[.,;:!?)\]»\"']+$")


def find_placeholders(text: str) -> list[Match]:
    """Spans of ``{name}`` placeholders, which the platform fills in at run time."""
    return [(m.start(), m.end(), m.group()) for m in _PLACEHOLDER_RE.finditer(text)]


def _trimmed(text: str, start: int, end: int) -> Match:
    """Drop sentence punctuation glued to the end of an address ("caf.fr.")."""
    raw = text[start:end]
    cut = _TRAILING_PUNCT_RE.search(raw)
    if cut:
        raw = raw[: cut.start()]
    return (start, start + len(raw), raw)


# Cheap tests that a text may hold an address at all, before the full patterns run.
_WRITTEN_ADDRESS_HINT_RE = _lazy.compile(r"[^\W_]\.[^\W\d_]|@")
_SPOKEN_ADDRESS_HINT_RE = _lazy.compile(r"\s(?:point|dot)\s", re.IGNORECASE)


@reader
def _addresses(text: str) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """(e-mail addresses, web addresses) of a text; cached, as numbers, readability and
    the cue detectors all ask about the same prompt."""
    written = _WRITTEN_ADDRESS_HINT_RE.search(text) is not None
    spoken = _SPOKEN_ADDRESS_HINT_RE.search(text) is not None
    if not written and not spoken:
        return (), ()
    emails: list[Match] = []
    if "@" in text:
        emails = [_trimmed(text, m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]
    if spoken:
        for m in _SPOKEN_EMAIL_RE.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in emails):
                emails.append((m.start(), m.end(), m.group()))
        emails.sort()
    webs: list[Match] = []
    for regex in (_URL_RE if written else None, _SPOKEN_URL_RE if spoken else None):
        for m in regex.finditer(text) if regex else ():
            s, e, raw = _trimmed(text, m.start(), m.end())
            if not raw or any(es < e and s < ee for es, ee, _ in emails):
                continue
            if any(fs < e and s < fe for fs, fe, _ in webs):
                continue
            webs.append((s, e, raw))
    webs.sort()
    return tuple(emails), tuple(webs)


def find_email_addresses(text: str) -> list[Match]:
    """E-mail addresses, written (``contact@caf.fr``) or spelled out for speech
    (``contact arobase caf point fr``, ``help at leeds dot gov dot uk``)."""
    return list(_addresses(text)[0])


def find_web_addresses(text: str) -> list[Match]:
    """Web addresses: URLs, ``www.`` names, bare domains with a known top-level domain
    (``caf.fr``, ``leeds.gov.uk``), and spoken forms (``service-public point fr``).

    The domain of an e-mail address is not a web address; file names (``avis.pdf``) are
    not either, hence the list of top-level domains for bare names.
    """
    return list(_addresses(text)[1])


# --- reading by meaning ----------------------------------------------------------------------
# Each cue is a shape of word classes inside one sentence (see ``text/vocabulary.py``), not a
# list of phrasings: "a time together with a comparison of load, or advice to call then".
# A reader answers in three ways: FOUND (sure), UNSURE (the words are there, not the shape:
# the rule says so as an info and claims nothing) or None (absent). Words in a negated clause
# ("nous ne proposons pas de rappel", "we cannot call you back") do not count.

FOUND = "found"
UNSURE = "unsure"


@dataclass(frozen=True)
class Cue:
    """What a reader found: where, how sure, and for UNSURE what it could not confirm.

    ``times`` (quieter hours only) pairs each time the sentence names with what it says of
    it: "quiet" (call then) or "busy" (avoid it).
    """

    state: str
    start: int
    end: int
    sentence: str
    doubt: str = ""
    times: tuple[tuple[TimeMention, str], ...] = ()

    @property
    def found(self) -> bool:
        return self.state == FOUND

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class _Tok:
    """A word of a prompt, folded, with its lemmas and where it is."""

    start: int
    end: int
    word: str  # folded surface form
    lem: frozenset[str]
    clause: int
    negated: bool = False


_TOKEN_RE = {
    "fr": _lazy.compile(r"\{[^{}\n]{0,80}\}|\d+(?:[.,:h]\d+)?(?:\s?(?:er|ere|e|eme|ieme)\b)?|[^\W\d_]+'?"),
    "en": _lazy.compile(r"\{[^{}\n]{0,80}\}|\d+(?:[.,:]\d+)?(?:st|nd|rd|th)?|[^\W\d_]+(?:'[^\W\d_]+)?"),
}
_SENTENCE_RE = _lazy.compile(r"(?<![ap]\.[m])(?<!\b[a-z])[.!?]+(?=\s|$)|[;\n]|\s[-–—]\s")
_CLAUSE_RE = {
    "fr": _lazy.compile(r"[,:()]|\b(?:mais|alors que|tandis que|cependant|toutefois|sinon)\b"),
    "en": _lazy.compile(r"[,:()]|\b(?:but|whereas|while|however|otherwise)\b"),
}
_NUMBER_WORDS = {
    "fr": frozenset("un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
                    "seize vingt trente quarante cinquante soixante".split()),
    "en": frozenset("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
                    "forty fifty sixty".split()),
}
_ORDINAL_RE = {
    "fr": _lazy.compile(r"\d+\s?(?:e|er|ere|eme|ieme)|\{[^{}]*\}(?:e|eme|ieme)?|premier|premiere|deuxieme|second"
                     r"|seconde|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme|neuvieme|dixieme"),
    "en": _lazy.compile(r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                     r"|next"),
}
_WAIT_PLACEHOLDER_RE = _lazy.compile(
    r"\{\s*(?:wait|queue|position|rank|estimated|attente|rang|delai|temps)\w*\s*\}", re.IGNORECASE)
_NEGATORS = {
    "fr": frozenset(("ne", "n'", "pas", "jamais", "aucun", "aucune", "nullement", "guere", "ni")),
    "en": frozenset(("not", "never", "no", "cannot", "unable", "none", "nor")),
}
_BE = {"fr": frozenset(("etre", "est", "sont", "sera", "serez", "serons", "etes", "soit", "soyez", "sommes",
                        "faire", "fassiez")),
       "en": frozenset(("be", "is", "are", "being", "been", "to", "get", "getting", "was", "will"))}
_EN_COMPARATIVE = frozenset(("best", "better", "less", "least", "more", "most", "fewer", "worse", "worst"))


def _lang_key(lang: str) -> str:
    """ "en", "en-GB" → "en"; anything else → "fr" (the package's fallback)."""
    return "en" if lang[:2].lower() == "en" else "fr"


def _is_number(tok: _Tok, key: str) -> bool:
    return tok.word[0].isdigit() or tok.word.startswith("{") or tok.word in _NUMBER_WORDS[key]


def _compared(tok: _Tok, key: str) -> bool:
    """An English word said in a degree of its own: quieter, busiest, shorter (not "quiet")."""
    return key == "en" and (tok.word in _EN_COMPARATIVE or (tok.word not in tok.lem - {tok.word}
                                                               and tok.word.endswith(("er", "est"))
                                                               and any(len(lem) < len(tok.word) for lem in tok.lem)))


def _negated_clauses(toks: list[_Tok], key: str) -> dict[int, int]:
    """Clause -> where its negation starts: what follows is denied ("nous ne proposons pas de
    rappel"); "n'hésitez pas", "ne ... que", "not as busy" deny nothing."""
    out: dict[int, int] = {}
    neg = _NEGATORS[key]
    for i, tok in enumerate(toks):
        word = tok.word
        if key == "en" and word.endswith("n't"):
            word = "not"
        if word not in neg:
            continue
        window = toks[i + 1 : i + 5]
        if any(t.lem & concept(key, "hesitate") for t in toks[max(0, i - 3) : i + 4]):
            continue  # "n'hésitez pas à", "don't hesitate to"
        if key == "fr" and word in ("ne", "n'") and not any(t.word in neg for t in window):
            continue  # "ne ... que", or an elision the negation does not follow
        if key == "en" and word == "not" and window and window[0].word in ("as", "so", "too", "very", "only"):
            continue  # "not as busy": a comparison
        if key == "en" and word == "not" and i and toks[i - 1].word == "why":
            continue  # "why not try ...": advice
        if any(t.word in _AVAILABLE for t in toks[i + 1 : i + 5]):
            start = next(t.start for t in toks if t.clause == tok.clause)
            out[tok.clause] = min(out.get(tok.clause, start), start)  # "le rappel n'est pas disponible"
        out.setdefault(tok.clause, tok.start)
    return out


_AVAILABLE = frozenset(("disponible", "disponibles", "possible", "possibles", "propose", "proposee", "proposes",
                        "assure", "assuree", "offert", "offerte", "ouvert", "ouverte", "accessible", "accessibles",
                        "available", "offered", "provided", "open", "possible", "accepted", "supported"))


@reader
def _sentences(text: str, lang: str) -> tuple[tuple[int, int, tuple[_Tok, ...]], ...]:
    """(start, end, tokens) per sentence; tokens carry their lemmas, clause and negation."""
    key = _lang_key(lang)
    folded = fold(text)
    bounds, start = [], 0
    for m in _SENTENCE_RE.finditer(folded):
        bounds.append((start, m.end() if m.group().strip() in ".!?" or m.group().strip(".!?") == "" else m.start()))
        start = m.end()
    bounds.append((start, len(folded)))
    out = []
    for lo, hi in bounds:
        if hi <= lo or not folded[lo:hi].strip():
            continue
        cuts = [m.start() for m in _CLAUSE_RE[key].finditer(folded, lo, hi)]
        raw = []
        for m in _TOKEN_RE[key].finditer(folded, lo, hi):
            word = m.group()
            clause = sum(1 for c in cuts if c < m.start())
            lem = frozenset((word,)) if word[0].isdigit() or word[0] == "{" else lemmas(word, key)
            raw.append(_Tok(m.start(), m.end(), word, lem, clause))
        negated = _negated_clauses(raw, key)
        toks = tuple(_Tok(t.start, t.end, t.word, t.lem, t.clause, t.start >= negated.get(t.clause, hi + 1))
                     for t in raw)
        out.append((lo, hi, toks))
    return tuple(out)


def _has(tok: _Tok, key: str, *names: str) -> bool:
    return any(tok.lem & concept(key, name) for name in names)


def _phrase(toks: tuple[_Tok, ...], i: int, *words: str) -> bool:
    """Tokens from ``i`` are these words (folded surface or lemma)."""
    if i < 0 or i + len(words) > len(toks):
        return False
    return all(w == t.word or w in t.lem for w, t in zip(words, toks[i:]))


def _sentence_text(text: str, lo: int, hi: int) -> str:
    return " ".join(text[lo:hi].split()).strip(" ,;-–—")


def _result(text: str, found: list, unsure: list) -> Cue | None:
    """The first sure reading, else the first unsure one."""
    if found:
        return min(found, key=lambda c: c.start)
    return min(unsure, key=lambda c: c.start) if unsure else None


def _cue(text: str, lo: int, hi: int, spans: list[Span], state: str = FOUND, doubt: str = "",
         times: tuple = ()) -> Cue:
    return Cue(state, min(s for s, _ in spans), max(e for _, e in spans), _sentence_text(text, lo, hi), doubt,
               times)


# --- wait estimate (M4 a) ----------------------------------------------------------------------


@reader
def read_wait_estimate(text: str, lang: str) -> Cue | None:
    """An estimated wait or the caller's queue position, as M4 (a) asks: a figure (digits,
    number words, a ``{wait_minutes}`` / ``{queue_position}`` placeholder) with a waiting or
    answering word, or the caller's rank. "Please hold" alone is none; "a few minutes" is
    unsure (a wait, but no figure)."""
    key = _lang_key(lang)
    found, unsure = [], []
    for lo, hi, toks in _sentences(text, lang):
        live = list(range(len(toks)))  # "votre attente ne devrait pas dépasser 5 minutes" is an estimate too
        spans: list[Span] = []
        vague: list[Span] = []
        waiting = [i for i in live if _has(toks[i], key, "waiting")]
        answer = [i for i in live if _has(toks[i], key, "answer") or _phrase(toks, i, "be", "with", "you")
                  or (toks[i].word in ("sera", "serons", "seront") and _phrase(toks, i + 1, "a", "vous"))
                  or _phrase(toks, i, "take", "your", "call") or _phrase(toks, i, "prendre", "votre", "appel")
                  or _phrase(toks, i, "put", "through")]
        for i in live:
            tok = toks[i]
            if _WAIT_PLACEHOLDER_RE.fullmatch(tok.word):
                spans.append((tok.start, tok.end))
                spans += [(toks[j].start, toks[j].end) for j in waiting]
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.word in ("of", "de") and i + 2 < len(toks) and _has(tok, key, "vague"):
                nxt = toks[i + 2]  # "a couple of minutes"
            if nxt is None or not _has(nxt, key, "unit"):
                continue
            hour = "heure" in nxt.lem or "hour" in nxt.lem
            within = any(t.word in ("dans", "ici", "sous", "in", "within", "under") for t in toks[max(0, i - 4):i])
            estimated = any(_has(t, key, "estimate") and t.word not in ("currently", "actuellement") for t in toks)
            helpers = waiting if hour or not (within or estimated) else waiting + answer
            if _is_number(tok, key) and helpers:
                spans += [(tok.start, nxt.end)] + [(toks[j].start, toks[j].end) for j in helpers]
                if key == "fr":  # "le temps d'attente"
                    spans += [(toks[j - 2].start, toks[j - 2].end) for j in waiting
                              if j >= 2 and toks[j - 2].word == "temps" and toks[j - 1].word == "d'"]
                spans += [(t.start, t.end) for t in toks if _has(t, key, "estimate") and not t.negated
                          and t.word != "currently" and t.word != "actuellement"]
            elif _has(tok, key, "vague") and helpers:
                vague.append((tok.start, nxt.end))
        spans += _rank(toks, live, key)
        said = [i for i in live if not toks[i].negated]
        if spans:
            found.append(_cue(text, lo, hi, spans))
        elif vague:
            unsure.append(_cue(text, lo, hi, vague, UNSURE, "it states a wait but gives no figure"))
        elif any(j in said for j in waiting) and any(_has(toks[i], key, "estimate", "rank") for i in said
                                                     if toks[i].word not in ("actuellement", "currently")):
            unsure.append(_cue(text, lo, hi, [(toks[j].start, toks[j].end) for j in waiting], UNSURE,
                               "it speaks of an estimated wait or a position but gives no figure"))
    return _result(text, found, unsure)


_QUEUE_WORDS = frozenset(("queue", "line", "file", "ligne", "attente", "position", "appel", "caller", "correspondant",
                          "appelant", "waiting"))


def _rank(toks: tuple[_Tok, ...], live: list[int], key: str) -> list[Span]:
    """ "vous êtes le 3e en ligne", "you are number 4", "4 personnes avant vous"."""
    spans: list[Span] = []
    you_are = ("vous", "etes") if key == "fr" else ("you", "are")
    you_will = ("vous", "serez") if key == "fr" else ("you", "re")
    for i in live:
        tok = toks[i]
        if _phrase(toks, i, *you_are) or _phrase(toks, i, *you_will) or (key == "en" and tok.word == "you're"):
            for j in range(i + 1, min(i + 6, len(toks))):
                word = toks[j].word
                after = toks[j + 1 : j + 5]
                ordinal = _ORDINAL_RE[key].fullmatch(word) and word != "next" and (
                    not after or any(t.word in _QUEUE_WORDS for t in after))
                numbered = word in ("number", "numero", "caller", "position", "place", "rang") and j + 1 < len(
                    toks) and _is_number(toks[j + 1], key)
                if ordinal or numbered or (word.startswith("{") and _WAIT_PLACEHOLDER_RE.fullmatch(word)):
                    spans.append((tok.start, toks[j + 1].end if numbered else toks[j].end))
                    break
        if _is_number(tok, key) and (tok.word not in ("un", "une", "one") or (
                i + 1 < len(toks) and _has(toks[i + 1], key, "people"))):
            window = toks[i + 1 : i + 6]
            if any(_has(t, key, "people") for t in window[:2]) and any(_has(t, key, "ahead") for t in window):
                last = next(t for t in reversed(window) if _has(t, key, "ahead"))
                spans.append((tok.start, last.end))
        if _has(tok, key, "rank") and (tok.word not in ("place",) or _phrase(toks, i + 1, "in", "the")):
            after = toks[i + 1 : i + 6]
            if any(t.word in ("file", "queue", "line", "d'attente") for t in after) and any(
                _is_number(t, key) or _ORDINAL_RE[key].fullmatch(t.word) for t in toks[i:i + 10]
            ):
                spans.append((tok.start, tok.end))
    return spans


# --- quieter hours (M4 b) ----------------------------------------------------------------------


@reader
def _times(text: str, lang: str) -> tuple[TimeMention, ...]:
    return tuple(find_time_mentions(text, lang))


def _load_signals(toks: tuple[_Tok, ...], key: str) -> list[tuple[int, str, list[Span]]]:
    """(token index, "quiet" or "busy", spans) for each comparison of load or waiting."""
    out = []
    n = len(toks)
    for i, tok in enumerate(toks):
        if tok.negated:
            continue
        near = [toks[j] for j in range(max(0, i - 3), i) if toks[j].clause == tok.clause]
        degree = next((t for t in reversed(near) if _has(t, key, "more", "less", "very")), None)
        lower = degree is not None and _has(degree, key, "less")
        if key == "en" and len(near) >= 2 and near[-2].word == "not" and near[-1].word in ("as", "so"):
            degree, lower = near[-2], True  # "not as busy"
        if tok.word in ("calls", "callers", "appels", "appelants", "demandes"):
            around = [t for t in toks[max(0, i - 3) : i + 4] if t.clause == tok.clause and t is not tok]
            more = next((t for t in around if _has(t, key, "more", "less") and t.word != "plus"
                         or t.word in ("plus", "more", "most") and t in near), None)
            if more is not None:
                out.append((i, "quiet" if _has(more, key, "less") else "busy",
                            [(min(more.start, tok.start), max(more.end, tok.end))]))
            continue
        compared = _compared(tok, key)
        span = [(degree.start, tok.end)] if degree is not None else [(tok.start, tok.end)]
        if _has(tok, key, "load_low"):
            if "creux" in tok.lem or "creuser" in tok.lem or "off-peak" in tok.lem:
                out.append((i, "quiet", span))
            elif degree is not None or compared:
                out.append((i, "busy" if lower else "quiet", span))
        elif _has(tok, key, "load_high"):
            size = next((t for t in near if _has(t, key, "size_high", "size_low")), None)
            after = toks[i + 1] if i + 1 < n else None
            if tok.lem & {"pointe", "peak", "pic", "rush", "surcharge", "surcharger", "surcharge"}:
                if key == "en" and i and toks[i - 1].word in ("off", "non"):
                    out.append((i, "quiet", [(toks[i - 1].start, tok.end)]))
                else:
                    out.append((i, "busy", span))
            elif degree is not None or compared:
                out.append((i, "quiet" if lower else "busy", span))
            elif size is not None:
                out.append((i, "quiet" if _has(size, key, "size_low") else "busy", [(size.start, tok.end)]))
            else:
                after = next((t for t in toks[i + 1 : i + 6] if _has(t, key, "size_high", "size_low")
                              and t.clause == tok.clause), None)
                if after is not None and all(t.word in _BE[key] or t.word in ("y", "there", "generally")
                                             or _has(t, key, "very", "more", "less")
                                             for t in toks[i + 1 : toks.index(after)]):
                    out.append((i, "quiet" if _has(after, key, "size_low") else "busy", [(tok.start, after.end)]))
        elif _has(tok, key, "waiting", "answer"):
            window = [toks[j] for j in range(i + 1, min(n, i + 6)) if toks[j].clause == tok.clause]
            bare = [t for t in near[-2:] + window[:1] if _has(t, key, "more", "less") and t.word != "plus" or (
                t.word == "plus" and t in near)]
            if bare and _has(tok, key, "waiting"):  # "moins d'attente", "patienter moins", "wait less"
                out.append((i, "quiet" if _has(bare[0], key, "less") else "busy",
                            [(min(bare[0].start, tok.start), max(bare[0].end, tok.end))]))
                continue
            window += near
            for j, other in enumerate(window):
                if _has(other, key, "size_high", "size_low"):
                    pre = window[j - 1] if j and window[j - 1] in toks[i + 1:] else None
                    has_degree = _compared(other, key) or _has(other, key, "change") or (
                        pre is not None and _has(pre, key, "more", "less")) or any(
                        _has(t, key, "more", "less") for t in window[:j])
                    if not has_degree:
                        continue
                    short = _has(other, key, "size_low")
                    if any(_has(t, key, "less") for t in window[:j + 1] if t is not other):
                        short = not short
                    out.append((i, "quiet" if short else "busy", [(tok.start, max(tok.end, other.end))]))
                    break
    return out


def _advice_signals(toks: tuple[_Tok, ...], key: str, times: list[tuple[int, TimeMention]]) -> tuple[list, list]:
    """(sure, loose) advice to call at a time: "de préférence", "privilégiez", "évitez", "try"."""
    sure, loose = [], []
    for i, tok in enumerate(toks):
        if tok.negated and not any(_has(t, key, "hesitate") for t in toks[max(0, i - 4):i]):
            continue
        polarity = "busy" if _has(tok, key, "avoid") else "quiet" if _has(tok, key, "advice", "hesitate") else None
        if polarity is None:
            continue
        if tok.word in ("priorite",) and not (i and toks[i - 1].word == "en"):
            continue
        if tok.lem & {"good", "best", "better", "meilleur", "ideal", "propice", "favorable", "opportun", "mieux"}:
            after = toks[i + 1 : i + 3]
            if tok.word == "mieux" and not (i and toks[i - 1].word in ("vaut", "le")) and not (
                    after and after[0].word == "vaut"):
                continue
            if tok.word == "mieux" and i and toks[i - 1].word == "le":
                pass  # "le mieux est d'appeler le jeudi"
            elif tok.word == "best" and i and toks[i - 1].word in ("is", "are", "be") and any(
                    _has(t, key, "call") for t in toks if t.clause == tok.clause):
                pass  # "calling on a Tuesday is best"
            elif tok.word != "mieux" and not any(_has(t, key, "time_noun") or t.word == "to"
                                                 for t in list(after) + list(toks[max(0, i - 3) : i])):
                continue
        clause = [t for t in toks if t.clause == tok.clause]
        anchored = any(_has(t, key, "call", "time_noun", "load_high", "load_low", "waiting") for t in clause)
        close = any(0 <= ti - i <= 6 for ti, _ in times)
        spans = [(tok.start, tok.end)]
        if i and toks[i - 1].word == "de" and tok.word == "preference":
            spans = [(toks[i - 1].start, tok.end)]
        if i and _has(toks[i - 1], key, "call") and toks[i - 1].clause == tok.clause:
            spans.append((toks[i - 1].start, toks[i - 1].end))
        (sure if anchored or close else loose).append((i, polarity, spans))
    return sure, loose


def _call_invitations(toks: tuple[_Tok, ...], key: str) -> list[tuple[int, list[Span]]]:
    """An invitation to call again ("rappelez", "merci de rappeler", "appelez-nous", "call
    back", "try again"), not a callback ("nous vous rappellerons", "we will call you") nor a
    number to dial ("appelez le 3939")."""
    out = []
    for i, tok in enumerate(toks):
        before = toks[i - 1].word if i else ""
        after = toks[i + 1].word if i + 1 < len(toks) else ""
        if key == "en" and tok.word == "try" and after in ("again", "calling") and not tok.negated:
            out.append((i, [(tok.start, toks[i + 1].end)]))
            continue
        if tok.negated or not _has(tok, key, "call") or tok.word in ("appel", "appels", "call-back"):
            continue
        again = ("rappeler" in tok.lem or "recontacter" in tok.lem or after == "nous") if key == "fr" else (
            after in ("back", "again", "us", "later") or before == "try")
        if not again:
            continue
        if key == "fr" and (before in ("vous", "te", "les") or tok.word.endswith(("ons", "ont", "a"))):
            continue
        if key == "en" and (after in ("you", "your") or before in ("we", "we'll", "will", "they", "us", "for")
                            or tok.word.endswith(("ed", "s")) or (tok.word.endswith("ing") and tok.word != "ring" and before != "try")):
            continue
        if key == "fr" and not tok.word.endswith(("ez", "er", "re")):
            continue
        out.append((i, [(tok.start, tok.end)]))
    return out


@reader
def read_quieter_hours(text: str, lang: str) -> Cue | None:
    """A pointer to quieter hours, M4 (b): a sentence that names a time (a day, an hour, a
    part of the day) together with a comparison of load or waiting ("les lignes sont plus
    calmes après 14 heures", "our lines are busiest on Mondays") or advice to call then
    ("appelez de préférence l'après-midi", "avoid Monday mornings"). "Nos lignes sont
    saturées" names no time; "ouvert du lundi au vendredi de 9h à 17h" compares nothing."""
    key = _lang_key(lang)
    all_times = _times(text, lang)
    found, unsure = [], []
    for lo, hi, toks in _sentences(text, lang):
        times = [m for m in all_times if lo <= m.start < hi]
        if not times:
            continue
        at = [(next((k for k, t in enumerate(toks) if t.end > m.start), len(toks) - 1), m) for m in times]
        signals = _load_signals(toks, key)
        advice, loose = _advice_signals(toks, key, at)
        signals += advice
        invitations = _call_invitations(toks, key)
        inv_clauses = {toks[i].clause for i, _ in invitations}
        inv_times = [m for index, m in at if toks[index].clause in inv_clauses]
        if not signals and inv_times and all(m.interval is not None or not m.precise for m in inv_times):
            hours = parse_spoken_hours(text[lo:hi], lang)
            if hours is None or not hours.days:  # "rappelez entre 14h et 16h", not a week's hours
                signals = [(i, "quiet", spans) for i, spans in invitations]
        if signals:
            paired = []
            for index, mention in at:
                same = [s for s in signals if toks[s[0]].clause == toks[min(index, len(toks) - 1)].clause]
                pool = same or signals
                nearest = min(pool, key=lambda s: abs(s[0] - index))
                polarity = nearest[1]
                if any(t.word in _EXCEPT[key] for t in toks[max(0, index - 3) : index + 1] if t.end <= mention.start + 1):
                    polarity = "busy" if polarity == "quiet" else "quiet"  # "hors lundi matin, ... plus calmes"
                paired.append((mention, polarity))
            spans = [span for s in signals for span in s[2]] + [(m.start, m.end) for m in times]
            for i, _ in invitations:
                if any(toks[i].clause == toks[s[0]].clause for s in signals):
                    spans.append((toks[i].start, toks[i].end))
            spans = _near_time_nouns(toks, key, spans)
            found.append(_cue(text, lo, hi, spans, times=tuple(paired)))
            continue
        if parse_spoken_hours(text[lo:hi], lang) is not None and not any(
                toks[i].lem & {"rappeler", "recontacter"} or (i + 1 < len(toks) and toks[i + 1].word in ("back", "again"))
                or (i + 2 < len(toks) and toks[i + 2].word == "back") for i, _ in invitations):
            continue  # the opening hours, stated: no comparison, no advice
        load = [t for t in toks if not t.negated and _has(t, key, "load_high", "load_low", "waiting")
                and not t.lem & {"disponible", "disponibilite", "available", "free"}]
        if load or loose or invitations:
            words = load or [toks[i] for i, _, _ in loose] or [toks[i] for i, _ in invitations]
            doubt = ("it names a time and a load word, but does not say the time is quieter or busier" if load
                     else "it names a time to call, but does not say the lines are quieter then")
            unsure.append(_cue(text, lo, hi, [(t.start, t.end) for t in words] + [(m.start, m.end) for m in times],
                               UNSURE, doubt))
    return _result(text, found, unsure)


#: words between two times that keep them apart: "l'après-midi et le vendredi" is two times
_APART_RE = _lazy.compile(r"[,;/]|\b(?:et|ou|and|or)\b")


@dataclass(frozen=True)
class QuietPeriod:
    """A time a prompt recommends (or warns against): ``days`` empty means any day,
    ``window`` None any time of day; "le lundi matin" is one period (Monday, the morning)."""

    start: int
    end: int
    days: frozenset[int]
    window: tuple[int, int] | None
    precise: bool

    def holds(self, day: int, minute: int) -> bool:
        """Whether the period covers that moment (0 = Monday, minutes after midnight)."""
        return (not self.days or day in self.days) and (
            self.window is None or self.window[0] <= minute < self.window[1])


def quiet_periods(text: str, cue: Cue | None, open_days: Iterable[int] | None = None,
                  polarity: str = "quiet") -> tuple[QuietPeriod, ...]:
    """The periods a quieter-hours `cue` (of :func:`read_quieter_hours` on `text`) calls
    quieter (``polarity="busy"``: busier), a day and a part of the day said together ("le
    lundi matin") read as one, and "ou", "et" or a comma between them keeping them apart.
    `open_days` (0 = Monday), when known, settle what "en fin de semaine" means
    (:func:`~ivr_lint.text.hours.days_meant`)."""
    if cue is None or not cue.found:
        return ()
    groups: list[list] = []
    for mention, said in cue.times:
        if said != polarity:
            continue
        days = days_meant(mention, open_days)
        last = groups[-1] if groups else None
        joinable = last is not None and mention.start - last[1] <= 4 and not _APART_RE.search(
            text, last[1], mention.start) and ((days and not last[2]) or (mention.interval and last[3] is None))
        if joinable:
            last[1] = mention.end
            last[2] = last[2] | days
            last[3] = mention.interval or last[3]
            last[4] = last[4] and mention.precise
        else:
            groups.append([mention.start, mention.end, days, mention.interval, mention.precise])
    return tuple(QuietPeriod(*group) for group in groups)


_EXCEPT = {"fr": frozenset(("hors", "sauf", "excepte", "hormis", "dehors")),
           "en": frozenset(("except", "outside", "apart", "excluding", "other"))}


def _near_time_nouns(toks: tuple[_Tok, ...], key: str, spans: list[Span]) -> list[Span]:
    """Start the span at "les périodes les plus calmes", "the best time", not after it."""
    first = min(s for s, _ in spans)
    for i, tok in enumerate(toks):
        if tok.start >= first:
            break
        if _has(tok, key, "time_noun") and first - tok.end <= 12:
            return spans + [(tok.start, tok.end)]
    return spans


# --- callback (M4 c) ---------------------------------------------------------------------------

_REMIND_NEXT = frozenset(("que", "qu'", "de", "d'", "vos", "votre", "nos", "notre", "ce", "cette", "ces", "combien",
                          "comment", "pourquoi", "quel", "quels", "quelle", "quelles", "les", "l'", "le", "la", "a",
                          "un", "une"))
_PASSIVE_FR = _lazy.compile(r"(?:rappel|recontact)(?:e|ee|es|ees)")
_RECALL_FR = _lazy.compile(r"(?:rappel|recontact)\w*")
_CALLBACK_WHEN = frozenset(("dans", "sous", "gratuitement", "rapidement", "des", "immediatement", "aussitot", "demain",
                            "sans", "plus", "en", "ici", "d'", "avant", "apres", "entre", "vers", "lorsque", "quand"))
_FUTURE_FR = _lazy.compile(r"(?:rappeller|recontacter)(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)$")
_SENT_FR = frozenset(("envoye", "envoyee", "envoyer", "adresse", "adressee", "sms", "courrier", "lettre", "mail",
                      "courriel", "expedie", "recevrez"))


@reader
def read_callback(text: str, lang: str) -> Cue | None:
    """An offer to call the caller back, M4 (c): the service calls the caller ("nous vous
    rappellerons", "we can call you back"), the caller is called back ("être rappelé", "to be
    called back"), or a callback is requested ("demander un rappel", "request a callback").
    "Rappelez plus tard" asks the caller to do the work, "nous vous rappelons que" is a
    reminder: neither counts. A bare "rappel" is unsure."""
    key = _lang_key(lang)
    found, unsure = [], []
    for lo, hi, toks in _sentences(text, lang):
        spans, loose = (_callback_fr if key == "fr" else _callback_en)(toks, key)
        if spans:
            found.append(_cue(text, lo, hi, spans))
        elif loose:
            unsure.append(_cue(text, lo, hi, loose, UNSURE, "it mentions a call back but not that the service "
                                                            "calls the caller"))
    return _result(text, found, unsure)


def _callback_fr(toks: tuple[_Tok, ...], key: str) -> tuple[list[Span], list[Span]]:
    spans: list[Span] = []
    loose: list[Span] = []
    n = len(toks)
    keyed = any(t.lem & {"taper", "appuyer", "dire", "tapez", "appuyez", "dites"} for t in toks)
    sent = any(t.word in _SENT_FR or t.lem & _SENT_FR for t in toks)
    for i, tok in enumerate(toks):
        if tok.negated:
            continue
        nxt = toks[i + 1].word if i + 1 < n else ""
        verb = (_has(tok, key, "callback_verb") or _RECALL_FR.fullmatch(tok.word)) and tok.word not in (
            "rappel", "rappels")
        if verb and not _PASSIVE_FR.fullmatch(tok.word):
            future = _FUTURE_FR.search(tok.word) is not None
            free = nxt not in _REMIND_NEXT or (nxt == "d'" and i + 2 < n and toks[i + 2].word == "ici")
            present = tok.word in ("rappelons", "rappelle", "recontactons", "recontacte")
            when = nxt in _CALLBACK_WHEN or (nxt in ("a", "au", "sur") and any(
                t.word in ("numero", "heure", "moment", "creneau") for t in toks[i + 1 : i + 5]))
            wished = any(t.word in ("que", "qu'") for t in toks[max(0, i - 5) : i])  # "pour qu'un conseiller vous rappelle"
            if i and toks[i - 1].word == "vous" and present and not when and not wished:
                if free:
                    loose.append((toks[i - 1].start, tok.end))  # "nous vous rappelons du lundi au vendredi ..."
            elif i and toks[i - 1].word == "vous" and not tok.word.endswith(("ez", "iez")) and (
                    free or (future and nxt not in ("que", "qu'"))):
                first = i - 1
                if first and (_has(toks[first - 1], key, "agent", "modal") or toks[first - 1].word.rstrip("s") in (
                        "conseiller", "conseillere") or toks[first - 1].word in (
                        "peut", "pouvons", "pourra", "pourrons", "va", "allons", "vont", "puisse")):
                    first -= 1
                spans.append((toks[first].start, tok.end))
            elif i and toks[i - 1].word == "vous" and nxt in ("le", "la", "a") and not tok.word.endswith("ez"):
                loose.append((toks[i - 1].start, tok.end))
        elif _PASSIVE_FR.fullmatch(tok.word) and any(t.word in _BE["fr"] for t in toks[max(0, i - 3):i]):
            first = next(j for j in range(max(0, i - 3), i) if toks[j].word in _BE["fr"])
            spans.append((toks[first].start, tok.end))
        elif _has(tok, key, "callback_noun"):
            first_of_clause = i == 0 or toks[i - 1].clause != tok.clause
            if nxt in ("de", "des", "du", "d'", "important", "importante") or (
                    first_of_clause and i + 1 < n and text_colon(toks, i)) or sent:
                continue  # "Rappel : ...", "un rappel de vos droits", "un rappel par SMS"
            if i >= 2 and toks[i - 1].word == "de" and not _has(toks[i - 2], key, "offer") and not (
                    _has(toks[i - 2], key, "time_noun") and keyed):
                continue  # "un courrier de rappel", "le numéro de rappel"
            before = toks[max(0, i - 4) : i]
            offered = any(_has(t, key, "offer") for t in before) or nxt in (
                "gratuit", "automatique", "telephonique", "immediat") or (
                keyed and any(t.word in ("un", "pour", "le") for t in before))
            if offered:
                first = next((t for t in before if _has(t, key, "offer")), tok)
                spans.append((first.start, tok.end))
            else:
                loose.append((tok.start, tok.end))
        elif _has(tok, key, "leave") and i + 2 < n and toks[i + 1].word in ("vos", "votre", "nous") and any(
                _has(t, key, "details") for t in toks[i + 1 : i + 4]):
            spans.append((tok.start, tok.end))
        elif tok.word == "rendez" and i + 2 < n and toks[i + 1].word == "vous" and toks[i + 2].word.startswith(
                "telephon"):
            spans.append((tok.start, toks[i + 2].end))
    return spans, loose


def text_colon(toks: tuple[_Tok, ...], i: int) -> bool:
    """ "Rappel : ..." opens a reminder (the next token starts a new clause)."""
    return toks[i + 1].clause != toks[i].clause


_NOT_BY_PHONE = frozenset(("letter", "email", "e-mail", "post", "text", "mail", "writing", "sms"))


def _callback_en(toks: tuple[_Tok, ...], key: str) -> tuple[list[Span], list[Span]]:
    spans: list[Span] = []
    loose: list[Span] = []
    n = len(toks)
    for i, tok in enumerate(toks):
        if tok.negated:
            continue
        nxt = toks[i + 1].word if i + 1 < n else ""
        written = tok.word.startswith("contact") and any(
            t.word in _NOT_BY_PHONE for t in toks[i + 1 : i + 5])  # "we will contact you by email"
        if _has(tok, key, "callback_noun") or (tok.word in ("call", "ring") and nxt == "back" and i and toks[
                i - 1].word in ("a", "request", "arrange", "book", "free", "receive", "schedule")):
            spans.append((tok.start, tok.end))
        elif written:
            continue
        elif tok.word.startswith("return") and (_phrase(toks, i + 1, "your", "call") or (
                i >= 3 and toks[i - 3].word == "call" and toks[i - 1].word == "be")):
            spans.append((tok.start, toks[min(i + 2, n - 1)].end))
        elif (tok.word == "get" and _phrase(toks, i + 1, "back", "to", "you")) or (
                tok.word == "touch" and i and toks[i - 1].word == "in"):
            if any(t.word in ("phone", "telephone") for t in toks[i + 1 : i + 6]):
                spans.append((tok.start, tok.end))
        elif _has(tok, key, "callback_verb") and nxt == "you" and (tok.word == "ring" or not tok.word.endswith("ing")):
            agent = next((j for j in range(max(0, i - 4), i) if _has(toks[j], key, "agent", "modal")
                          or toks[j].word.endswith("'ll")), None)
            if agent is not None:
                spans.append((toks[agent].start, toks[i + 1].end))
        elif tok.word in ("called", "rung", "phoned", "contacted") and nxt == "back" or (
                tok.word == "contacted" and i and toks[i - 1].word in _BE["en"]):
            first = next((j for j in range(max(0, i - 2), i) if toks[j].word in _BE["en"]), None)
            if first is not None:
                while first and toks[first - 1].word in _BE["en"]:
                    first -= 1
                spans.append((toks[first].start, toks[min(i + 1, n - 1)].end))
        elif tok.word in ("keep", "hold", "save") and _phrase(toks, i + 1, "your", "place"):
            spans.append((tok.start, toks[i + 2].end))
        elif tok.word in ("telephone", "phone") and nxt in ("appointment", "appointments"):
            spans.append((tok.start, toks[i + 1].end))
        elif tok.word == "leave" and nxt == "your" and any(_has(t, key, "details") for t in toks[i + 2 : i + 5]):
            spans.append((tok.start, tok.end))
        elif _has(tok, key, "callback_verb") and nxt == "back" and i and _has(toks[i - 1], key, "agent", "modal"):
            loose.append((tok.start, toks[i + 1].end))
    return spans, loose


# --- another contact (M3, M5) ------------------------------------------------------------------

_SPACE_QUALIFIERS = frozenset((
    "personnel", "perso", "prive", "securise", "client", "usager", "allocataire", "assure", "particulier",
    "professionnel", "numerique", "ameli", "caf", "impots", "fiscal", "msa", "retraite", "formation", "cpf",
    "securisee", "instantanee", "electronique", "internet", "web", "mobile", "smartphone", "contact",
    "personnelle", "privee", "dedie", "dediee"))
_EN_APP_BEFORE = frozenset(("the", "our", "mobile", "free", "your", "this"))


@reader
def read_other_contact(text: str, lang: str) -> Cue | None:
    """Another way to reach the service (M3, M5): a web or e-mail address, an online space or
    form, a chat, a counter's street address or an invitation to visit one. "Restez en ligne"
    and "vous êtes le 3e en ligne" are no channel; a bare "application" is unsure."""
    key = _lang_key(lang)
    emails, webs = _addresses(text)
    addresses = [(s, e) for s, e, _ in emails + webs]
    found, unsure = [], []
    for lo, hi, toks in _sentences(text, lang):
        spans = [(s, e) for s, e in addresses if lo <= s < hi]
        loose: list[Span] = []
        n = len(toks)
        for i, tok in enumerate(toks):
            if tok.negated:
                spans = [(s, e) for s, e in spans if not tok.start <= s < hi or any(
                    t.start <= s < t.end + 1 and not t.negated for t in toks)]
                continue
            nxt = toks[i + 1] if i + 1 < n else None
            nxt2 = toks[i + 2] if i + 2 < n else None
            prev = toks[i - 1] if i else None
            on_call = key == "en" and tok.word == "online" and (
                (nxt is not None and nxt.word == "with") or (prev is not None and (
                    prev.word in ("are", "is", "now", "all", "currently") or prev.word.endswith("'re")) and any(
                    _has(t, key, "agent") or t.word.startswith(("advis", "you", "agent", "staff"))
                    for t in toks[max(0, i - (3 if prev.word in ("now", "all", "currently") else 2)) : i])))
            if on_call:
                continue  # "you're now online with an adviser", "our advisers are online"
            if _has(tok, key, "online_word") and not (key == "en" and tok.word in ("email", "e-mail") and nxt
                                                     and nxt.word == "address" and not prev):
                start = prev.start if prev is not None and prev.word in ("by", "via", "par", "sur") else tok.start
                spans.append((start, tok.end))
            elif key == "fr" and tok.word == "courrier" and nxt is not None and nxt.word.startswith("electronique"):
                spans.append((tok.start, nxt.end))
            elif _has(tok, key, "online_space"):
                of_space = nxt is not None and nxt.word in ("de", "d'") and any(
                    _has(t, key, "online_space") and t.word not in ("site", "sites") for t in toks[i + 2 : i + 5])
                qualified = nxt is not None and (nxt.word in _SPACE_QUALIFIERS or _phrase(toks, i + 1, "en", "ligne")
                                                 or (nxt.word in ("de", "d'", "pour") and nxt2 is not None
                                                     and nxt2.word in _SPACE_QUALIFIERS) or of_space)
                if key == "fr" and tok.word.startswith("messagerie") and nxt is not None and nxt.word == "vocale":
                    continue
                if tok.word.startswith(("compte", "account")) and not qualified and not any(
                        _has(t, key, "connect") for t in toks if t.clause == tok.clause):
                    continue
                connected = any(_has(t, key, "connect") and t.clause == tok.clause for t in toks)
                by_site = key == "fr" and tok.word.startswith("site") and prev is not None and (
                    prev.word in ("notre", "votre") or (prev.word == "le" and i >= 2 and toks[i - 2].word == "sur"))
                app = key == "en" and tok.word.startswith("app") and prev is not None and (
                    prev.word in _EN_APP_BEFORE or (i >= 2 and toks[i - 2].word in _EN_APP_BEFORE))
                if connected and not qualified and not app and not (nxt is not None and nxt.word in ("de", "d'")):
                    spans.append((tok.start, tok.end))
                    continue
                on_app = key == "en" and tok.word.startswith("app") and prev is not None and (
                    prev.word in _EN_APP_BEFORE or (i >= 2 and toks[i - 2].word in _EN_APP_BEFORE))
                if key == "en" and tok.word.startswith(("website", "web")):
                    spans.append((tok.start, tok.end))
                elif qualified:
                    spans.append((tok.start, (nxt2 if nxt2 is not None and nxt.word in ("en", "de", "d'")
                                              else nxt).end))
                elif by_site or (key == "fr" and tok.word.startswith("appli") and prev is not None
                                 and prev.word in ("l'", "notre", "votre")):
                    spans.append((tok.start, tok.end))
                elif on_app:
                    first = toks[i - 2] if i >= 2 and toks[i - 2].word in _EN_APP_BEFORE else prev
                    spans.append((first.start, tok.end))
                elif key == "en" and tok.word in ("form", "forms") and prev is not None and prev.word in (
                        "contact", "online", "web"):
                    spans.append((prev.start, tok.end))
                elif tok.word not in ("site", "sites", "page", "place", "form", "forms", "compte", "comptes",
                                      "formulaire", "formulaires") and not (
                        nxt is not None and nxt.word in ("de", "d'")):  # "espace de stationnement"
                    loose.append((tok.start, tok.end))
            elif key == "fr" and tok.word == "en" and nxt is not None and nxt.word == "ligne":
                procedure = [t for t in toks[max(0, i - 5):i] if _has(t, key, "procedure") and not t.negated]
                if procedure:
                    spans.append((procedure[0].start, nxt.end))
            elif key == "en" and tok.word == "secure" and nxt is not None and nxt.word.startswith("messag"):
                spans.append((tok.start, nxt.end))
            elif key == "en" and tok.word == "live" and nxt is not None and nxt.word == "chat":
                spans.append((tok.start, nxt.end))
            elif _has(tok, key, "street") and prev is not None and _is_number(prev, key) and prev.word[0].isdigit() \
                    and nxt is not None and not _is_number(nxt, key) and not tok.word.endswith("s") \
                    and text[prev.end:tok.start].isspace() and (prev.start == 0 or not text[prev.start - 1].isalnum()):
                spans.append((prev.start, nxt.end))
            elif key == "en" and _has(tok, key, "street") and prev is not None and i >= 2 and (
                    toks[i - 2].word[0].isdigit() or toks[i - 2].word in ("on", "at")) and text[prev.start].isupper():
                spans.append((toks[i - 2].start, tok.end))
            elif _has(tok, key, "counter"):
                clause = [t for t in toks if t.clause == tok.clause and not t.negated]
                visit = [t for t in clause if _has(t, key, "visit") and t is not tok]
                if visit and tok.word not in ("point", "points", "centre") and not (
                        key == "en" and tok.word == "office" and not any(t.word in ("our", "the", "local")
                                                                         for t in clause)):
                    spans.append((min(visit[0].start, tok.start), max(visit[0].end, tok.end)))
        if spans:
            found.append(_cue(text, lo, hi, spans))
        elif loose:
            unsure.append(_cue(text, lo, hi, loose, UNSURE, "it names an application or an account but not how "
                                                            "to reach the service there"))
    return _result(text, found, unsure)


# --- accessible channel (M7) -------------------------------------------------------------------

_LIVE = frozenset(("reel", "direct", "instantanee", "instantane", "ecrite", "texte", "parole", "simultanee", "service",
                   "live", "real-time", "instant", "written", "text", "speech", "automatique", "automatic"))
_LEGAL_DOCS = frozenset(("acte", "actes", "naissance", "mariage", "divorce", "jugement", "deces", "pacs",
                         "document", "documents", "diplome", "etat"))


@reader
def read_accessible_channel(text: str, lang: str) -> Cue | None:
    """An adapted channel for deaf, hard-of-hearing or aphasic callers (M7, loi 2005-102 art.
    78): the callers named ("personnes sourdes", "hard of hearing"), sign language, live
    transcription, a relay service. "Accessibilité" or "handicap" alone is unsure; the
    transcription of a birth certificate is none."""
    key = _lang_key(lang)
    found, unsure = [], []
    for lo, hi, toks in _sentences(text, lang):
        spans: list[Span] = []
        loose: list[Span] = []
        n = len(toks)
        for i, tok in enumerate(toks):
            if tok.negated:
                continue
            nxt = toks[i + 1] if i + 1 < n else None
            window = toks[i + 1 : i + 4]
            if _has(tok, key, "deaf", "sign_channel"):
                spans.append((tok.start, tok.end))
            elif key == "en" and tok.word == "hard" and _phrase(toks, i + 1, "of", "hearing"):
                spans.append((tok.start, toks[i + 2].end))
            elif tok.word.startswith("langue") and _phrase(toks, i + 1, "des", "signes"):
                spans.append((tok.start, toks[i + 2].end))
            elif tok.word.startswith("langue") and any(t.word.startswith("complet") for t in window + toks[i + 4:i + 5]):
                spans.append((tok.start, tok.end))  # langue française parlée complétée
            elif tok.word == "visio" and nxt is not None and nxt.word.startswith("interpret"):
                spans.append((tok.start, nxt.end))
            elif key == "en" and tok.word == "sign" and nxt is not None and nxt.word in ("language", "video"):
                spans.append((tok.start, nxt.end))
            elif key == "en" and tok.word in ("relay", "text", "video") and nxt is not None and nxt.word in (
                    "uk", "relay", "service"):
                spans.append((tok.start, nxt.end))
            elif key == "en" and tok.word == "live" and nxt is not None and nxt.word.startswith("caption"):
                spans.append((tok.start, nxt.end))
            elif key == "en" and _has(tok, key, "hearing") and nxt is not None and _has(nxt, key, "impairment"):
                spans.append((tok.start, nxt.end))
            elif _has(tok, key, "impairment") and any(_has(t, key, "hearing") for t in window):
                spans.append((tok.start, next(t for t in window if _has(t, key, "hearing")).end))
            elif _has(tok, key, "transcription"):
                audience = any(_has(t, key, "deaf") or t.word == "hearing" for t in toks)
                live = any(t.word in _LIVE for t in toks)
                if not any(t.word in _LEGAL_DOCS for t in window) and (audience or live):
                    spans.append((tok.start, tok.end))
            elif key == "en" and tok.word.startswith("caption") and (
                    any(_has(t, key, "deaf") or t.word in ("hearing", "live", "calls", "call", "video") for t in toks)):
                spans.append((tok.start, tok.end))
            elif key == "en" and tok.word == "next" and _phrase(toks, i + 1, "generation", "text"):
                spans.append((tok.start, toks[i + 2].end))
            elif key == "fr" and tok.word.startswith("sous") and nxt is not None and nxt.word.startswith("titr"):
                spans.append((tok.start, nxt.end))
            elif _has(tok, key, "accessible_vague") and not (key == "fr" and tok.word.startswith("relais") and i
                                                             and toks[i - 1].word.startswith("point")):
                loose.append((tok.start, tok.end))
        if spans:
            found.append(_cue(text, lo, hi, spans))
        elif loose:
            unsure.append(_cue(text, lo, hi, loose, UNSURE, "it speaks of accessibility or disability but names no "
                                                            "channel for deaf or hard-of-hearing callers"))
    return _result(text, found, unsure)


# --- the span-only API ---------------------------------------------------------------------------


def _span(cue: Cue | None) -> Span | None:
    return cue.span if cue is not None and cue.found else None


def mentions_wait_estimate(text: str, lang: str) -> Span | None:
    """Span of a sure wait estimate (see :func:`read_wait_estimate`), or None."""
    return _span(read_wait_estimate(text, lang))


def mentions_quieter_hours(text: str, lang: str) -> Span | None:
    """Span of a sure pointer to quieter hours (see :func:`read_quieter_hours`), or None."""
    return _span(read_quieter_hours(text, lang))


def mentions_callback(text: str, lang: str) -> Span | None:
    """Span of a sure callback offer (see :func:`read_callback`), or None."""
    return _span(read_callback(text, lang))


def mentions_online_contact(text: str, lang: str) -> Span | None:
    """Span of a sure other contact (see :func:`read_other_contact`), or None."""
    return _span(read_other_contact(text, lang))


def mentions_accessible_channel(text: str, lang: str) -> Span | None:
    """Span of a sure adapted channel (see :func:`read_accessible_channel`), or None."""
    return _span(read_accessible_channel(text, lang))


# --- opening hours, named ----------------------------------------------------------------------
# Written against folded text (lower case, no accents, straight apostrophes).

_DAYS_FR = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?"
_DAYS_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_HOUR_EN = r"\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)"
_HOUR_EN_BARE = r"\d{1,2}(?:[:.]\d{2})?(?:\s?(?:am|pm|a\.m\.|p\.m\.))?"

_HOURS = {
    "fr": (
        r"\bhoraires?\b",
        r"\b(?:heures|jours) d'(?:ouverture|accueil)\b",
        r"\bnous sommes\s+(?:ouverts?|ouvertes?|joignables?|a votre ecoute)\b",
        (
            r"\b(?:ouverts?|ouvertes?|joignables?|accessibles?|disponibles?|a votre (?:ecoute|"
            r"disposition))\s+(?:du|de|des|tous|toute|entre|en semaine|\d|(?:le|les)\s+" + _DAYS_FR + r")"
        ),
        r"\bdu\s+" + _DAYS_FR + r"\s+au\s+" + _DAYS_FR,
        r"\b(?:de|entre)\s+\d{1,2}\s?h(?:\s?\d{2})?\s+(?:a|et)\s+\d{1,2}\s?h",
        r"\b" + _DAYS_FR + r"\s+(?:matin\s+|apres-midi\s+)?de\s+\d{1,2}\s?h",
    ),
    "en": (
        r"\bwe(?: are|'re)\s+open\b",
        r"\b(?:opening|office|business|contact|phone|telephone|line|lines)\s+(?:hours|times)\b",
        r"\bhours of (?:business|operation)\b",
        (
            r"\bopen\s+(?:from|between|on\s+" + _DAYS_EN + r"|" + _DAYS_EN + r"|mon\b|weekdays|"
            r"daily|every|\d|24)"
        ),
        (
            r"\b(?:lines|offices?|advisors|advisers|team|helpline|service)\s+(?:are|is)\s+"
            r"(?:\w+\s+)?(?:open|available|staffed)\s+(?:from|between|on|" + _DAYS_EN + r"|weekdays|\d|24)"
        ),
        r"\b(?:monday|mon)\s*(?:to|-|through|till|until)\s*(?:friday|fri|saturday|sat|sunday)\b",
        r"\b(?:from|between)\s+" + _HOUR_EN_BARE + r"\s+(?:to|and|until|till)\s+" + _HOUR_EN,
        r"\b" + _HOUR_EN + r"\s*(?:to|until|till|-)\s*" + _HOUR_EN,
    ),
}



_HOURS_TRIGGER = {
    "fr": _lazy.compile("|".join(re.escape(t) for t in (
        "horaire", "d'ouverture", "d'accueil", "nous sommes", "ouvert", "joignable", "accessible", "disponible",
        "a votre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        *"0123456789"))),
    "en": _lazy.compile("|".join(re.escape(t) for t in ("open", "hours", "times", "mon", "available", "staffed",
                                                     *"0123456789"))),
}
_HOURS_RE = {lang: _lazy.compile("|".join(f"(?:{p})" for p in pats)) for lang, pats in _HOURS.items()}


@reader
def mentions_opening_hours_words(text: str, lang: str) -> Span | None:
    """Whether the prompt talks about opening hours at all: a cheap keyword test for M3.
    It does not read the hours; ``hours.py`` parses them for the mismatch rule."""
    key = _lang_key(lang)
    folded = fold(text)
    if not _HOURS_TRIGGER[key].search(folded):
        return None
    m = _HOURS_RE[key].search(folded)
    return (m.start(), m.end()) if m else None
