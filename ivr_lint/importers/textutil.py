"""Small text helpers the importers share: ids, markup stripped to words, language guess."""

from __future__ import annotations

import html
import re
import unicodedata

_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "none", "~"}


def kebab(text: str) -> str:
    """'SendCallToAgents' / 'Main Menu_10' / 'say_play_3' -> 'send-call-to-agents' / 'main-menu-10' / 'say-play-3'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", text)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if text in _YAML_WORDS:
        text = f"{text}-node"
    return text


#: where markup was removed or pieces of a prompt were joined: a space between words, nothing
#: before the punctuation that follows it at once ("1<break/>." is "1."), while a space the
#: author wrote before punctuation stays (French writes "Bonjour !", "Une question ?")
SEAM = "\ue000"
_SEAM_BEFORE_PUNCTUATION = re.compile(f"[\\s{SEAM}]*{SEAM}(?=[.,;:!?](?:[\\s{SEAM}]|$))")


def squash(text: str) -> str:
    """Collapse runs of whitespace (exports wrap prompts over several lines) and seams."""
    if SEAM in text:
        text = _SEAM_BEFORE_PUNCTUATION.sub("", text).replace(SEAM, " ")
    return " ".join(text.split())


def tidy(text: str) -> str:
    """Whitespace collapsed, and no space before punctuation left behind by removed markup
    (a seam), the author's own spacing kept."""
    return squash(text)


_TAG = re.compile(r"<[^<>]*>")
_SUB_ALIAS = re.compile(r"<sub\b[^>]*\balias\s*=\s*(['\"])(.*?)\1[^>]*>.*?</sub>", re.S | re.I)
_AUDIO = re.compile(r"<audio\b[^>]*\bsrc\s*=\s*(['\"])(.*?)\1[^>]*?(/>|>(.*?)</audio>)", re.S | re.I)


def ssml_to_text(ssml: str, unknown) -> str:
    """Speech markup (SSML) reduced to the words a caller hears.

    `<sub alias>` is read as its alias, `<audio src>` becomes unknown text (its words are
    in the file, not in the export), every other tag is dropped.
    """
    text = _SUB_ALIAS.sub(lambda m: f"{SEAM}{m.group(2)}{SEAM}", ssml)

    def audio(match: re.Match) -> str:
        fallback = squash(_TAG.sub(" ", match.group(4) or ""))
        what = f"audio prompt '{match.group(2)}'"
        if fallback:
            what += f' (fallback text: "{fallback}")'
        return f"{SEAM}{unknown(what)}{SEAM}"

    text = _AUDIO.sub(audio, text)
    text = _TAG.sub(SEAM, text)
    return tidy(html.unescape(text))


def looks_like_ssml(text: str) -> bool:
    return bool(re.search(r"<\s*(speak|prosody|break|say-as|emphasis|audio|amazon:|s>|p>)", text, re.I))


_EN = {"the", "to", "you", "your", "for", "please", "press", "and", "is", "are", "of", "our", "we", "thank",
       "calling", "welcome", "call", "with", "this", "be", "will", "an", "in", "say"}
_FR = {"le", "la", "les", "de", "du", "des", "pour", "vous", "votre", "vos", "tapez", "et", "est", "nous",
       "un", "une", "merci", "bienvenue", "appel", "dites", "sur", "au", "aux"}
_ES = {"el", "los", "las", "para", "usted", "su", "por", "favor", "gracias", "marque", "pulse", "llamada", "que"}
_DE = {"der", "die", "das", "und", "sie", "ihr", "bitte", "drücken", "für", "danke", "anruf", "wir"}


def guess_language(texts: list[str]) -> str | None:
    """A BCP 47 tag from the prompt words, when they clearly lean one way; else None."""
    counts = {"en-US": 0, "fr-FR": 0, "es-ES": 0, "de-DE": 0}
    for text in texts:
        for word in re.findall(r"[a-zà-ÿ]+", text.lower()):
            counts["en-US"] += word in _EN
            counts["fr-FR"] += word in _FR
            counts["es-ES"] += word in _ES
            counts["de-DE"] += word in _DE
    best = max(counts, key=counts.get)
    total = sum(counts.values())
    if counts[best] >= 3 and counts[best] >= 0.6 * total:
        return best
    return None


def normalise_language(code: str | None) -> str | None:
    """'en-us' -> 'en-US'; 'fr' -> 'fr'; None for nothing usable."""
    if not code or not isinstance(code, str):
        return None
    parts = re.split(r"[-_]", code.strip())
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part)
    return "-".join(out)


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts, for offset -> (line, column)."""
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def offset_to_pos(starts: list[int], offset: int) -> tuple[int, int]:
    import bisect

    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def decode_export(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16 text; ImportFailure for anything else."""
    from ivr_lint.importers.result import ImportFailure
    from ivr_lint.loading.source import ContentError, decode

    try:
        return decode(data)
    except ContentError as error:
        raise ImportFailure(str(error), error.pos.line, error.pos.column) from None
