"""Plain language (M9): sentences, words, syllables, readability, unexplained acronyms.

Readability is Kandel & Moles for French, 207 - 1.015 x words/sentence - 73.6 x
syllables/word, and Flesch reading ease for English, 206.835 - 1.015 x words/sentence -
84.6 x syllables/word (reference, section 6).

Syllables are counted by small vowel-group rules written here, not by ``pyphen`` or
``textstat``: hyphenation dictionaries never split off a one-letter syllable, so they
count "école", "été", "idée", "ami" as one syllable in French and "area", "idea", "every"
as one in English, which skews short IVR words most; ``textstat`` adds ``nltk`` and wants
the CMU dictionary downloaded at run time for English. The rules below are pure Python,
cached per word, and agree with a hand count on the test word lists.
"""

from __future__ import annotations

import functools
import itertools

from ivr_lint.text import _lazy
from ivr_lint.text._memo import reader
from ivr_lint.text.cues import find_email_addresses, find_placeholders, find_web_addresses, fold

# Below this many words, one long word swings the score by tens of points: no score.
MIN_WORDS = 8

# --- sentences and words -------------------------------------------------------------------

# Words that a full stop abbreviates rather than ends a sentence after: "M. Dupont".
_ABBREVIATIONS = frozenset(
    {
        "m", "mme", "mmes", "mlle", "mm", "dr", "pr", "me", "st", "ste", "no", "n°", "nos", "tel",
        "tél", "etc", "cf", "env", "ex", "art", "av", "bd", "mr", "mrs", "ms", "vs", "e.g", "i.e",
        "approx", "dept", "ext", "inc", "ltd", "jr", "sr",
    }
)  # fmt: skip
# A sentence ends at . ! ? … (and runs of them, with closing quotes) before a space or the
# end, or at a line break.
_SENTENCE_END_RE = _lazy.compile(r"[.!?…]+[\"»”)\]]*(?=\s|$)|\n+")
_LAST_TOKEN_RE = _lazy.compile(r"(\S+)$")
_HAS_ALNUM_RE = _lazy.compile(r"[^\W_]")
# A word: a whitespace-separated token with a letter or a digit in it.
_WORD_RE = _lazy.compile(r"\S*[^\W_]\S*")
_TOKEN_PARTS_RE = _lazy.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
_SPOKEN_MARKS_RE = _lazy.compile(r"[.@/]")
_EDGE_PUNCT = ".,;:!?()«»\"'’[]…"


def _mask_tokens(text: str) -> str:
    """Hide addresses and placeholders: capitals in them are not acronyms."""
    spans = find_placeholders(text) + find_email_addresses(text) + find_web_addresses(text)
    if not spans:
        return text
    chars = list(text)
    for s, e, _ in spans:
        chars[s:e] = "x" * (e - s)
    return "".join(chars)


def _without_addresses(text: str) -> str:
    """The text without its web and e-mail addresses.

    A formula for prose counts "glasgow.gov.uk/counciltax" as a word of nine syllables, so
    the prompts that give callers another way to reach the service (M3, M5) would read as
    the hardest. What an address costs the caller is time, which `long-prompt` judges.
    """
    spans = find_email_addresses(text) + find_web_addresses(text)
    if not spans:
        return text
    pieces, last = [], 0
    for start, end, _ in sorted(spans):
        if start >= last:
            pieces.append(text[last:start])
            last = end
    return "".join(pieces) + text[last:]


def split_sentences(text: str) -> list[str]:
    """Sentences as written, stripped; "M. Dupont", "caf.fr" and "3.5" do not end one
    (a full stop ends a sentence only before a space, and not after an abbreviation).

    Line breaks end a sentence too: menu options are often written one per line with no
    full stop, and a caller hears them as separate sentences.
    """
    return list(_sentences(text))


@reader
def _sentences(text: str) -> tuple[str, ...]:
    """Cached: the sentence-length rule and the readability score split the same prompt."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end()
        if end - m.start() == 1 and text[m.start()] == ".":
            dot = m.start()
            # the word before the full stop (what `_LAST_TOKEN_RE` finds in the 8 characters before
            # it): only a letter there can end an abbreviation; a digit or a bracket never does
            if dot and text[dot - 1].isalpha() or text[dot - 1:dot] in ("°", "\n"):
                last = _LAST_TOKEN_RE.search(text, max(0, dot - 8), dot)
                if last and last.group(1).lower() in _ABBREVIATIONS:
                    continue
        piece = text[start:end].strip()
        if _HAS_ALNUM_RE.search(piece):
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if _HAS_ALNUM_RE.search(tail):
        out.append(tail)
    return tuple(out)


def _words(text: str) -> list[str]:
    """Whitespace-separated tokens with a letter or digit: an address or a placeholder is
    one word, so are "d'allocations" and "c'est-à-dire"; a lone dash or colon is none."""
    return _WORD_RE.findall(text)


def sentence_word_count(sentence: str, lang: str) -> int:
    """Words as written (see ``_words``); ``lang`` is accepted for symmetry and future use."""
    return len(_words(sentence))


# --- syllables -----------------------------------------------------------------------------

_FR_VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
_FR_PARTS_RE = _lazy.compile(r"[-']")
_FR_GROUP_RE = _lazy.compile(f"[{_FR_VOWELS}]+")
# Hiatus inside a vowel group: these start a new syllable.
_FR_HIATUS_RE = _lazy.compile(
    r"(?<=[aeouéèêëàâ])(?=[éèêëïü])"  # po-é-sie, a-é-ro-port, na-ïf, No-ël
    r"|(?<=é)(?=[aiouyâ]|e(?!s?$))"  # ré-u-nion, thé-âtre, ré-el, cré-er; not i-dée
    r"|(?<=ou)(?=[aeéèo](?!s?$))"  # lou-er, jou-et; not roue
    r"|(?<=[aoué])(?=y[aeiouéè])"  # pa-yer, vo-yage, cra-yon
    r"|(?<=[^gqc]u)(?=[aoé]|e(?!s?$|nt$))"  # nu-age, tu-er, ac-tu-el; not que, rue, accueil
    r"|(?<=[bcdfgkptv][lr]i)(?=[aeoué])"  # cli-ent, ou-bli-er, fé-vri-er
)
# A final -e, -es (and -ent of a plural verb) after a consonant is not a syllable.
_FR_SILENT_END_RE = _lazy.compile(r"(?<=[^aeiouyéèêëàâîïôûù])(?:e|es|ent)$")
_FR_ENT_SILENT_RE = _lazy.compile(r"(?:nnent|llent|ttent|ssent|ivent|euvent|hent)$")

_EN_VOWEL_GROUP_RE = _lazy.compile(r"[aeiouy]+")
# Vowel pairs spoken as two syllables: i-de-a, pe-ri-od, ac-tu-al, vi-de-o, qui-et, be-ing.
_EN_HIATUS_RE = _lazy.compile(r"(?<![ct])ia|io(?!n|u)|(?<!p)eo|(?<![qg])ua|iu|ea$|(?<![tc])ie(?=t|nc|nt)|[aeiouy]ing$")
# Silent final -e, -es, -ed: "minutes", "called"; not "boxes", "changes", "wanted".
_EN_SILENT_END_RE = _lazy.compile(r"(?<=[^aeiouy])e$|(?<=[^aeiouysxzcgh])es$|(?<=[^aeiouytd])ed$")
# "-le" after a consonant is a syllable of its own: peo-ple, ta-bles, han-dled.
_EN_LE_END_RE = _lazy.compile(r"[bcdfgkptz]l(?:e|es|ed)$")


@functools.lru_cache(maxsize=65536)
def french_syllables(word: str) -> int:
    """Syllables of a French word: vowel groups, split at a hiatus (po-é-sie,
    a-é-ro-port), minus a mute final -e / -es and the -ent of common plural verb endings
    (ils doivent, ils appellent); at least one. A mute e inside a word still counts
    (ren-sei-gne-ments), as in the written syllabification Kandel & Moles used."""
    w = _letters(word)
    if not w:
        return 0
    count = 0
    for part in _FR_PARTS_RE.split(w):
        if not part:
            continue
        n = len(_FR_GROUP_RE.findall(_FR_HIATUS_RE.sub("|", part)))
        silent_end = _FR_SILENT_END_RE.search(part)
        if n > 1 and silent_end and (not part.endswith("ent") or _FR_ENT_SILENT_RE.search(part)):
            n -= 1
        count += n
    return max(1, count)


@functools.lru_cache(maxsize=65536)
def english_syllables(word: str) -> int:
    """Syllables of an English word: vowel groups, minus a silent final -e / -es / -ed,
    plus vowel pairs spoken as two (i-de-a, ac-tu-al); a word-initial "y" before a vowel
    is a consonant (you, year); at least one."""
    w = "".join(c for c in word.lower() if "a" <= c <= "z")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    if w[0] == "y" and w[1] in "aeiou":
        w = w[1:]  # you, year, yellow: a consonant there
    count = len(_EN_VOWEL_GROUP_RE.findall(w))
    if count > 1 and not _EN_LE_END_RE.search(w) and _EN_SILENT_END_RE.search(w):
        count -= 1
    count += len(_EN_HIATUS_RE.findall(w))
    return max(1, count)


_ACCENT_KEEP_RE = _lazy.compile(r"[^a-zàâäéèêëîïôöùûüÿçœæ'\-]")


def _letters(word: str) -> str:
    """Lower case, letters, apostrophes and hyphens only; accents stay (é is a vowel of its
    own, it marks hiatus)."""
    return _ACCENT_KEEP_RE.sub("", word.lower().replace("’", "'"))


@functools.lru_cache(maxsize=65536)
def _token_syllables(token: str, lang: str) -> int:
    """Syllables of one written token, as spoken: a placeholder one, a number one per digit
    (at most four), an address its letter runs plus one per "." "@" "/"."""
    core = token.strip(_EDGE_PUNCT)
    if core.startswith("{"):
        return 1
    if core.isdigit():
        return min(4, len(core))
    count = english_syllables if lang == "en" else french_syllables
    total = 0
    for part in _TOKEN_PARTS_RE.findall(core):
        total += min(4, len(part)) if part.isdigit() else count(part)
    total += len(_SPOKEN_MARKS_RE.findall(core))
    return max(1, total)


def _lang_key(lang: str) -> str:
    return "en" if lang[:2].lower() == "en" else "fr"


def syllable_count(text: str, lang: str) -> int:
    """Syllables of a text, word by word as written (placeholders count as one)."""
    key = _lang_key(lang)
    words = _words(text)
    return sum(map(_token_syllables, words, itertools.repeat(key, len(words))))


@reader
def readability(text: str, lang: str, min_words: int = MIN_WORDS) -> float | None:
    """Kandel & Moles (French) or Flesch reading ease (English); higher is easier.

    ``None`` when the text has fewer than ``min_words`` words: on "Tapez 1." or
    "Bienvenue à la CAF." the formula gives scores from below 0 to above 120 that say
    nothing about clarity, and the rule would cry wolf. Pass ``min_words=1`` for a raw score.
    """
    text = _without_addresses(text)
    words = _words(text)
    if not words or len(words) < min_words:
        return None
    key = _lang_key(lang)
    per_sentence = len(words) / len(_sentences(text))
    per_word = sum(map(_token_syllables, words, itertools.repeat(key, len(words)))) / len(words)
    if key == "en":
        return 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return 207.0 - 1.015 * per_sentence - 73.6 * per_word


# --- acronyms ------------------------------------------------------------------------------

# Acronyms that callers hear more often than their expansion, in France or the UK, and that
# a plain-language editor would not spell out: everyday technology (SMS, PDF, PIN, USB,
# GPS), banking (RIB, IBAN), tax on receipts (TVA, TTC, HT, VAT), household-name companies
# and networks (SNCF, EDF, RER, TGV, NHS, BBC), countries (UK, USA), and the UK's GP.
# Agencies and benefits (CAF, CPAM, RSA, APL, URSSAF, ANTS, MDPH, NIR, SIP, DWP, HMRC,
# PIP) are left out on purpose: they are the jargon M9 asks services to explain, and a
# flow that uses them can list them in ``known_acronyms``.
DEFAULT_KNOWN_ACRONYMS: frozenset[str] = frozenset(
    {
        "SMS", "PDF", "PIN", "USB", "GPS", "FAQ",
        "RIB", "IBAN", "TVA", "TTC", "HT", "VAT",
        "SNCF", "EDF", "RER", "TGV", "SAMU", "NHS", "BBC",
        "UK", "USA", "EU", "UE", "GP", "ID",
    }
)  # fmt: skip

# Capitals that are not acronyms: "OK", "TV", units, am/pm, shouted words in prompts.
_NOT_ACRONYMS = frozenset(
    {
        "OK", "TV", "AM", "PM", "KM", "KG", "KB", "MB", "GB", "TB", "KWH", "MHZ", "GHZ",
        "ATTENTION", "IMPORTANT", "URGENT", "INFO", "INFOS", "NOUVEAU", "GRATUIT", "NOTE",
        "NB", "PS", "FREE", "NEW", "PLEASE", "WARNING", "STOP",
    }
)  # fmt: skip
# Capitals of 2+ letters, after an elision ("l'URSSAF") or not, with a plural "s" or an
# English "'s" allowed; not inside a word, an address or a file name.
_ACRONYM_RE = _lazy.compile(r"(?<![\w@./-])[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9]*[A-ZÀ-ÖØ-Þ](?:s\b)?(?![\w@-]|['’](?!s\b)|\.\w)")
_TWO_CAPITALS_RE = _lazy.compile(r"[A-ZÀ-ÖØ-Þ]{2}")
# Roman numerals as prompts use them (Louis XIV, tome III): 1 to 39 only, so that CDI,
# CCI or MDC stay acronyms.
_ROMAN_RE = _lazy.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
# Letters the caller must type or say: "tapez AB", "enter the letters XY".
_TYPED_BEFORE_RE = _lazy.compile(
    r"\b(?:tapez|saisissez|entrez|composez|dites|epelez|enter|type|press|key in|say|spell|"
    r"lettres?|letters?|touches?|keys?)(?:\s+(?:les|la|le|the|lettres?|letters?))?[\s:«\"]*$"
)
_FUNCTION_WORDS = frozenset(
    {
        "de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "a", "au", "aux", "en", "pour",
        "sur", "par", "un", "une", "notre", "votre", "of", "the", "and", "for", "to", "in", "on",
        "at", "by", "with", "an", "our", "your",
    }
)  # fmt: skip
_NAME_WORD_RE = _lazy.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A gloss right after an acronym: "RSA (revenu...)", "RSA, c'est-à-dire...", "BSL, that
# is British Sign Language". Matched on folded text.
_FREE_GLOSS_RE = _lazy.compile(
    r"\s*(?:\(|[,:–—-]\s*(?:c'est-a-dire|c'est a dire|soit|autrement dit|that is|i\.e\.|"
    r"which stands for|which means|qui signifie)\b)"
)
# An apposition: "CAF, la caisse d'allocations...", "DGFIP : direction générale...". Its
# first two content words must begin with the acronym's first two letters, or "Pour la CAF,
# le service est fermé" and "Pour la CAF : tapez 1" would pass.
_APPOSITION_RE = _lazy.compile(r"\s*[,:–—-]")
_SENTENCE_BREAK_RE = _lazy.compile(r"[.!?\n]\s")
_BRACKETED_RE = _lazy.compile(r"\(\s*$")
_CLOSING_RE = _lazy.compile(r"\s*\)")


def _initials(words: list[str]) -> str:
    """Initials, the letter after an elided article counting ("d'allocations" → A)."""
    return "".join(w.rsplit("'", 1)[-1][:1] for w in words).upper()


def _spelled_by(acronym: str, words: list[str], at_end: bool) -> bool:
    """Whether the words next to the acronym (the last ones before it, or the first ones
    after it) spell it, function words skipped or not: "revenu de solidarité active"."""
    n = len(acronym)
    target = fold(acronym).upper()
    folded = [fold(w) for w in words]
    content = [w for w in folded if w not in _FUNCTION_WORDS]
    for seq in (folded, content):
        if len(seq) >= n and _initials(seq[-n:] if at_end else seq[:n]) == target:
            return True
    return False


def _words_around(folded: str, start: int, end: int, n: int) -> tuple[list[str], list[str]]:
    """Words of the same sentence just before and just after a span, articles trimmed."""
    head = _SENTENCE_BREAK_RE.split(folded[max(0, start - 160) : start])[-1]
    tail = _SENTENCE_BREAK_RE.split(folded[end : end + 160])[0]
    before = _NAME_WORD_RE.findall(head)
    while before and before[-1] in _FUNCTION_WORDS:
        before.pop()
    after = _NAME_WORD_RE.findall(tail)
    while after and after[0] in _FUNCTION_WORDS:
        after.pop(0)
    return before[-(2 * n + 2) :], after[: 2 * n + 2]


def _is_explained(acronym: str, start: int, end: int, folded: str) -> bool:
    """Explained in place: spelled by the words next to it, in brackets after an
    expansion, or followed by a gloss or an apposition (see the patterns above)."""
    before, after = _words_around(folded, start, end, len(acronym))
    if _spelled_by(acronym, before, at_end=True) or _spelled_by(acronym, after, at_end=False):
        return True
    if _BRACKETED_RE.search(folded, max(0, start - 4), start) and _CLOSING_RE.match(folded, end):
        return len(before) >= 2  # "la caisse d'allocations familiales (CAF)"
    if _FREE_GLOSS_RE.match(folded, end):
        return len(after) >= 2
    if _APPOSITION_RE.match(folded, end):
        content = [w for w in after if w not in _FUNCTION_WORDS][:2]
        return len(content) == 2 and _initials(content) == fold(acronym[:2]).upper()
    return False


@reader
def unexplained_acronyms(
    text: str, known: frozenset[str] = DEFAULT_KNOWN_ACRONYMS, lang: str = "fr"
) -> tuple[tuple[int, int, str], ...]:
    """All-caps words of 2+ letters (CAF, CPAM, RSA) that are not in ``known`` and that the
    text does not explain, as ``(start, end, acronym)``, every occurrence.

    Explained (anywhere in the text, so every occurrence is forgiven): "la caisse
    d'allocations familiales (CAF)", "CAF, la caisse d'allocations familiales", or the
    initials of the words next to it ("revenu de solidarité active, RSA"). Never flagged:
    roman numerals, "OK", "TV", units, shouted words (ATTENTION), e-mail and web
    addresses, placeholders, and letters the caller is asked to type ("tapez AB").
    """
    if not _TWO_CAPITALS_RE.search(text):
        return ()
    known = frozenset(k.upper() for k in known)
    masked = _mask_tokens(text)
    folded = fold(masked)
    hits: list[tuple[int, int, str]] = []
    explained: set[str] = set()
    for m in _ACRONYM_RE.finditer(masked):
        token = m.group()
        acronym = token.removesuffix("s")
        if acronym in known or acronym in _NOT_ACRONYMS or _ROMAN_RE.fullmatch(acronym):
            continue
        if _TYPED_BEFORE_RE.search(folded, max(0, m.start() - 40), m.start()):
            continue
        if acronym in explained or _is_explained(acronym, m.start(), m.end(), folded):
            explained.add(acronym)
            continue
        hits.append((m.start(), m.start() + len(acronym), acronym))
    return tuple(h for h in hits if h[2] not in explained)
