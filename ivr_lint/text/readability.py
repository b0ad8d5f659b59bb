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
import re

from ivr_lint.text.cues import find_email_addresses, find_placeholders, find_web_addresses, fold

# Below this many words, one long word swings the score by tens of points: no score.
MIN_WORDS = 8

# --- sentences and words -------------------------------------------------------------------

# Words that a full stop abbreviates rather than ends a sentence after: "M. Dupont".
_ABBREVIATIONS = frozenset(
    "m mme mmes mlle mm dr pr me st ste no n° nos tel tél etc cf env ex art av bd "
    "mr mrs ms vs e.g i.e approx dept ext inc ltd jr sr".split()
)
# A sentence ends at . ! ? … (and runs of them, with closing quotes) before a space or the
# end, or at a line break.
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"»”)\]]*(?=\s|$)|\n+")
_LAST_TOKEN_RE = re.compile(r"(\S+)$")
_WORD_RE = re.compile(r"[^\s]+")
_HAS_ALNUM_RE = re.compile(r"[^\W_]")
_DIGITS_RE = re.compile(r"\d+")


def _mask_tokens(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Hide addresses and placeholders (their dots are not full stops), keep their spans."""
    spans = find_placeholders(text)
    if "@" in text or "." in text or " at " in text or "arobase" in text or " dot " in text:
        spans = spans + find_email_addresses(text) + find_web_addresses(text)
    if not spans:
        return text, []
    chars = list(text)
    for s, e, _ in spans:
        chars[s:e] = "x" * (e - s)
    return "".join(chars), spans


def split_sentences(text: str) -> list[str]:
    """Sentences as written, stripped; "M. Dupont", "caf.fr" and "3.5" do not end one.

    Line breaks end a sentence too: menu options are often written one per line with no
    full stop, and a caller hears them as separate sentences.
    """
    masked, _ = _mask_tokens(text)
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(masked):
        if m.group() == ".":
            last = _LAST_TOKEN_RE.search(masked, max(0, m.start() - 8), m.start())
            if last and last.group(1).lower() in _ABBREVIATIONS:
                continue
        piece = text[start : m.end()].strip()
        if _HAS_ALNUM_RE.search(piece):
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if _HAS_ALNUM_RE.search(tail):
        out.append(tail)
    return out


def _words(text: str) -> list[str]:
    """Whitespace-separated tokens with a letter or digit: an address or a placeholder is
    one word, so are "d'allocations" and "c'est-à-dire"; a lone dash or colon is none."""
    return [w for w in _WORD_RE.findall(text) if _HAS_ALNUM_RE.search(w)]


def sentence_word_count(sentence: str, lang: str) -> int:
    """Words as written (see ``_words``); ``lang`` is accepted for symmetry and future use."""
    return len(_words(sentence))


# --- syllables -----------------------------------------------------------------------------

_FR_VOWELS = "aeiouyàâäéèêëîïôöùûüÿœæ"
_FR_GROUP_RE = re.compile(f"[{_FR_VOWELS}]+")
# Hiatus inside a vowel group: these start a new syllable.
_FR_HIATUS_RE = re.compile(
    r"(?<=[aeouéèêëàâ])(?=[éèêëïü])"  # po-é-sie, a-é-ro-port, na-ïf, No-ël
    r"|(?<=é)(?=[aiouyâ]|e(?!s?$))"  # ré-u-nion, thé-âtre, ré-el, cré-er; not i-dée
    r"|(?<=ou)(?=[aeéèo](?!s?$))"  # lou-er, jou-et; not roue
    r"|(?<=[aoué])(?=y[aeiouéè])"  # pa-yer, vo-yage, cra-yon
    r"|(?<=[^gqc]u)(?=[aoé]|e(?!s?$|nt$))"  # nu-age, tu-er, ac-tu-el; not que, rue, accueil
    r"|(?<=[bcdfgkptv][lr]i)(?=[aeoué])"  # cli-ent, ou-bli-er, fé-vri-er
)
# A final -e, -es (and -ent of a plural verb) after a consonant is not a syllable.
_FR_SILENT_END_RE = re.compile(r"(?<=[^aeiouyéèêëàâîïôûù])(?:e|es|ent)$")
_FR_ENT_SILENT_RE = re.compile(r"(?:nnent|llent|ttent|ssent|ivent|euvent|hent)$")

_EN_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
# Vowel pairs spoken as two syllables: i-de-a, pe-ri-od, ac-tu-al, vi-de-o, qui-et, be-ing.
_EN_HIATUS_RE = re.compile(
    r"(?<![ct])ia|io(?!n|u)|(?<!p)eo|(?<![qg])ua|iu|ea$|(?<![tc])ie(?=t|nc|nt)|[aeiouy]ing$"
)
# Silent final -e, -es, -ed: "minutes", "called"; not "boxes", "changes", "wanted".
_EN_SILENT_END_RE = re.compile(r"(?<=[^aeiouy])e$|(?<=[^aeiouysxzcgh])es$|(?<=[^aeiouytd])ed$")
# "-le" after a consonant is a syllable of its own: peo-ple, ta-bles, han-dled.
_EN_LE_END_RE = re.compile(r"[^aeiouy]l(?:e|es|ed)$")


@functools.lru_cache(maxsize=65536)
def french_syllables(word: str) -> int:
    """Written syllables of a French word, as a poet or Kandel & Moles would count them:
    vowel groups, a split at hiatus (po-é-sie, a-é-ro-port), minus a mute final
    -e / -es and the -ent of plural verbs (ils parlent); at least one."""
    w = fold_keep_accents(word)
    if not w:
        return 0
    count = 0
    for part in re.split(r"[-']", w):
        if not part:
            continue
        n = len(_FR_GROUP_RE.findall(_FR_HIATUS_RE.sub("|", part)))
        if n > 1 and _FR_SILENT_END_RE.search(part):
            if not part.endswith("ent") or _FR_ENT_SILENT_RE.search(part):
                n -= 1
        count += n
    return max(1, count)


@functools.lru_cache(maxsize=65536)
def english_syllables(word: str) -> int:
    """Syllables of an English word: vowel groups, minus a silent final -e / -es / -ed,
    plus vowel pairs spoken as two (i-de-a, ac-tu-al); "y" before a vowel starts a
    word as a consonant (you, year); at least one."""
    w = "".join(c for c in word.lower() if "a" <= c <= "z")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_EN_VOWEL_GROUP_RE.findall(w))
    if count > 1 and not _EN_LE_END_RE.search(w) and _EN_SILENT_END_RE.search(w):
        count -= 1
    count += len(_EN_HIATUS_RE.findall(w))
    if w[0] == "y" and w[1] in "aeiou":
        count -= 1
    return max(1, count)


_ACCENT_KEEP_RE = re.compile(r"[^a-zàâäéèêëîïôöùûüÿçœæ'\-]")


def fold_keep_accents(word: str) -> str:
    """Lower case, letters, apostrophes and hyphens only; accents stay (é is a vowel of its
    own, it marks hiatus)."""
    return _ACCENT_KEEP_RE.sub("", word.lower().replace("’", "'"))


def _token_syllables(token: str, lang: str) -> int:
    """Syllables of one written token, as spoken: numbers by digit count (capped),
    addresses by their letter runs plus one per dot or @."""
    if _DIGITS_RE.fullmatch(token.strip(".,;:!?()«»\"")):
        return min(4, len(token.strip(".,;:!?()«»\"")))
    count = french_syllables if lang == "fr" else english_syllables
    parts = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+", token)
    total = sum(min(4, len(p)) if p.isdigit() else count(p) for p in parts)
    total += len(re.findall(r"[.@/]", token.strip(".,;:!?")))
    return max(1, total)


def _lang_key(lang: str) -> str:
    return "en" if lang[:2].lower() == "en" else "fr"


def syllable_count(text: str, lang: str) -> int:
    """Syllables of a text, word by word as written (placeholders count as one)."""
    key = _lang_key(lang)
    total = 0
    for w in _words(text):
        total += 1 if w.startswith("{") else _token_syllables(w, key)
    return total


def readability(text: str, lang: str, min_words: int = MIN_WORDS) -> float | None:
    """Kandel & Moles (French) or Flesch reading ease (English); higher is easier.

    ``None`` when the text has fewer than ``min_words`` words: on "Tapez 1." or
    "Bienvenue à la CAF." the formula gives scores from below 0 to above 120 that say
    nothing about clarity, and the rule would cry wolf. Pass ``min_words=1`` for a raw score.
    """
    sentences = split_sentences(text)
    words = sum(sentence_word_count(s, lang) for s in sentences)
    if words == 0 or words < min_words:
        return None
    syllables = syllable_count(text, lang)
    per_sentence = words / len(sentences)
    per_word = syllables / words
    if _lang_key(lang) == "en":
        return 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return 207.0 - 1.015 * per_sentence - 73.6 * per_word
