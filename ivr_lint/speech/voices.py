"""Choosing a voice: the flow's `language` (fr-FR -> a French voice), or `--voice`.

espeak-ng names its voices by file ("roa/fr", "gmw/en") and tags each with languages
("fr-fr", "en-gb"). A language is matched exactly first, then by its primary subtag, so
fr-CA still gets a French voice; mbrola voices need an extra program and are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass


class SpeechError(Exception):
    """Speech cannot be produced as asked (no engine, no such voice); the message says why."""


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: tuple[str, ...]


def _usable(voice: Voice) -> bool:
    return not voice.id.startswith("mb/")


def _norm(tag: str) -> str:
    return tag.strip().lower().replace("_", "-")


def for_language(voices: list[Voice], language: str) -> Voice | None:
    """The best voice for a BCP 47 tag, or None."""
    wanted = _norm(language)
    primary = wanted.split("-")[0]
    usable = [v for v in voices if _usable(v)]
    for test in (lambda lang: lang == wanted, lambda lang: lang == primary,
                 lambda lang: lang.split("-")[0] == primary):
        found = [v for v in usable if any(test(_norm(lang)) for lang in v.languages)]
        if found:
            return min(found, key=lambda v: (len(v.id), v.id))
    return None


def pick(voices: list[Voice], language: str, wanted: str | None = None) -> Voice:
    """`wanted` (an id, a name or a language) if given, else the voice for `language`."""
    if wanted:
        key = _norm(wanted)
        exact = next((v for v in voices if _norm(v.id) == key or _norm(v.name) == key), None)
        voice = exact or for_language(voices, wanted)
        if voice is None:
            raise SpeechError(f"no voice {wanted!r}; for {language}, {suggest(voices, language)} "
                              "(`espeak-ng --voices` lists them all)")
        return voice
    voice = for_language(voices, language)
    if voice is None:
        raise SpeechError(f"no voice speaks the flow's language {language!r}; {suggest(voices, language)} "
                          "or choose one with --voice")
    return voice


def suggest(voices: list[Voice], language: str) -> str:
    primary = _norm(language).split("-")[0]
    close = [v.id for v in voices if _usable(v) and any(_norm(l).split("-")[0] == primary for l in v.languages)]
    sample = close[:6] or [v.id for v in voices if _usable(v)][:6]
    return f"voices include {', '.join(sample)}" if sample else "no voice is installed"
