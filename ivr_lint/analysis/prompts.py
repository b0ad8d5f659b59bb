"""What each node's prompt tells the caller and how long it lasts, computed once per node.

Rules ask these questions of many nodes in many scenarios; the answers depend only on
the text, so they are cached here and shared. Durations are estimated from the words a
voice would say (`text.spoken`) at a configurable rate; measured TTS durations, when
given (`ivr-lint check --measure-audio`), replace the estimate prompt by prompt.
"""

from __future__ import annotations

import functools
from typing import Mapping

from ivr_lint.importers.result import UNKNOWN_PATTERN, known_text
from ivr_lint.model.flow import Flow, Node
from ivr_lint.text import cues
from ivr_lint.text.cues import Cue
from ivr_lint.text.hours import SpokenHours, find_time_mentions, parse_spoken_hours
from ivr_lint.text.spoken import estimate_seconds

DEFAULT_WORDS_PER_MINUTE = 150.0
OPENING_HOURS_PLACEHOLDER = "{opening_hours}"


def readable(text: str) -> str:
    """The words of a prompt that are known: `[unknown: ...]` parts of imported flows removed."""
    return known_text(text) if "[unknown:" in text and UNKNOWN_PATTERN.search(text) else text


class PromptFacts:
    def __init__(self, flow: Flow, words_per_minute: float = DEFAULT_WORDS_PER_MINUTE,
                 measured: Mapping[str, float] | None = None):
        self.flow = flow
        self.lang = flow.lang
        self.words_per_minute = words_per_minute
        self.measured = measured or {}
        self.seconds = functools.lru_cache(maxsize=None)(self._seconds)
        self.spoken_hours = functools.lru_cache(maxsize=None)(self._spoken_hours)
        self.hours_cue = functools.lru_cache(maxsize=None)(self._hours_cue)
        self.wait_cue = functools.lru_cache(maxsize=None)(self._reader(cues.read_wait_estimate))
        self.quieter_cue = functools.lru_cache(maxsize=None)(self._reader(cues.read_quieter_hours))
        self.callback_cue = functools.lru_cache(maxsize=None)(self._reader(cues.read_callback))
        self.contact_cue = functools.lru_cache(maxsize=None)(self._reader(cues.read_other_contact))
        self.accessible_cue = functools.lru_cache(maxsize=None)(self._reader(cues.read_accessible_channel))

    def text_seconds(self, text: str) -> float:
        """Measured if we have it; else estimated from the words we know (imported prompts may
        hold `[unknown: ...]` parts, an audio file say, whose length cannot be told)."""
        if text in self.measured:
            return self.measured[text]
        return estimate_seconds(readable(text), self.lang, self.words_per_minute)

    def _seconds(self, node: Node) -> float:
        """How long the node's prompt lasts (all its parts, in order)."""
        return sum(self.text_seconds(p.text) for p in node.prompt)

    def _spoken_hours(self, node: Node) -> SpokenHours | None:
        text = node.prompt_text
        return parse_spoken_hours(text, self.lang) if text else None

    def _reader(self, read):
        """A node's cue as ``read`` sees it in the prompt's known words (None without text)."""
        def cue(node: Node) -> Cue | None:
            text = node.prompt_text
            return read(readable(text), self.lang) if text else None
        return cue

    def _hours_cue(self, node: Node) -> Cue | None:
        """The caller hears the opening hours here: the placeholder, or hours said in words.

        Deliberately looser than the hours parser ("rappelez-nous du lundi au vendredi entre
        9h et 17h" counts even where it cannot be read exactly): the rules that ask this must
        not cry wolf; `hours-mismatch` uses the strict reading. A prompt that names a span of
        hours in another shape is unsure.
        """
        text = node.prompt_text
        if not text:
            return None
        if OPENING_HOURS_PLACEHOLDER in text:
            start = text.index(OPENING_HOURS_PLACEHOLDER)
            return Cue(cues.FOUND, start, start + len(OPENING_HOURS_PLACEHOLDER), text)
        spoken = self.spoken_hours(node)
        if spoken is not None:
            return Cue(cues.FOUND, spoken.start, spoken.end, text)
        span = cues.mentions_opening_hours_words(text, self.lang)
        if span is not None:
            return Cue(cues.FOUND, span[0], span[1], text)
        ranges = [m for m in find_time_mentions(readable(text), self.lang) if m.kind == "range"]
        if ranges and self.quieter_cue(node) is None and self.callback_cue(node) is None:
            return Cue(cues.UNSURE, ranges[0].start, ranges[0].end, " ".join(text.split()),
                       "it names hours but not as the opening hours")
        return None

    def says_hours(self, node: Node) -> bool:
        cue = self.hours_cue(node)
        return cue is not None and cue.found

    def gives_other_contact(self, node: Node) -> bool:
        """A website, an e-mail address, an online space or a counter is surely said here."""
        cue = self.contact_cue(node)
        return cue is not None and cue.found

    def gives_wait_estimate(self, node: Node) -> bool:
        cue = self.wait_cue(node)
        return cue is not None and cue.found

    def points_to_quieter_hours(self, node: Node) -> bool:
        cue = self.quieter_cue(node)
        return cue is not None and cue.found

    def mentions_accessible_channel(self, node: Node) -> bool:
        cue = self.accessible_cue(node)
        return cue is not None and cue.found
