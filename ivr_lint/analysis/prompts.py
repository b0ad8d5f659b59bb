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
from ivr_lint.text.hours import SpokenHours, parse_spoken_hours
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

    def says_hours(self, node: Node) -> bool:
        """The caller hears the opening hours here: the placeholder, or hours said in words.

        Deliberately looser than the hours parser ("rappelez-nous du lundi au vendredi entre
        9h et 17h" counts even where it cannot be read exactly): the rules that ask this must
        not cry wolf; `hours-mismatch` uses the strict reading.
        """
        text = node.prompt_text
        return bool(text) and (OPENING_HOURS_PLACEHOLDER in text or self.spoken_hours(node) is not None
                               or cues.mentions_opening_hours_words(text, self.lang) is not None)

    def gives_other_contact(self, node: Node) -> bool:
        """A website, an e-mail address or an online space is said here."""
        text = node.prompt_text
        return bool(text) and cues.mentions_online_contact(text, self.lang) is not None

    def gives_wait_estimate(self, node: Node) -> bool:
        text = node.prompt_text
        return bool(text) and cues.mentions_wait_estimate(text, self.lang) is not None

    def points_to_quieter_hours(self, node: Node) -> bool:
        text = node.prompt_text
        return bool(text) and cues.mentions_quieter_hours(text, self.lang) is not None

    def mentions_accessible_channel(self, node: Node) -> bool:
        text = node.prompt_text
        return bool(text) and cues.mentions_accessible_channel(text, self.lang) is not None
