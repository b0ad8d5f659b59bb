from typing import Iterator

from ivr_lint.analysis.prompts import readable
from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.text.readability import (DEFAULT_KNOWN_ACRONYMS, readability, sentence_word_count,
                                       split_sentences, unexplained_acronyms)


class UnclearLanguage(Rule):
    """
    ## What it does
    Flags prompts that are hard to follow by ear: a sentence over `max_sentence_words`
    words, an acronym that is neither in `known_acronyms` nor explained anywhere in the
    flow ("la caisse d'allocations familiales (CAF)"), or a readability score below
    `min_readability` (Kandel-Moles for French, Flesch reading ease for English; prompts
    under 8 words get no score). Info by default, a warning in the `strict` preset.

    ## Why is this bad
    M9: clear, precise language. A caller cannot re-read a sentence: long ones and
    unexplained jargon are lost, and callers press 0 or hang up.

    ## Example
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Pour votre demande de RSA, munissez-vous de votre NIR."
        next: agent
      agent:
        type: queue
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Pour le revenu de solidarité active, ayez votre numéro de sécurité sociale sous la main."
        next: agent
      agent:
        type: queue
    ```
    """

    code = "IVR108"
    name = "unclear-language"
    severity = Severity.INFO
    summary = "A prompt has a long sentence, an unexplained acronym or a low readability score."
    tags = ("service", "M9")
    source = "M9 (engagement 7): clear, precise language; Kandel & Moles / Flesch"
    reads_prompts = True
    options = (
        Option("max_sentence_words", 25, "Longest sentence, in words."),
        Option("known_acronyms", [], "Acronyms callers know, added to the built-in list (SMS, PDF, RIB...)."),
        Option("min_readability", 40.0, "Lowest readability score (Kandel-Moles in French, Flesch in English)."),
    )

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow, lang = ctx.flow, ctx.flow.lang
        max_words, floor = ctx.options["max_sentence_words"], ctx.options["min_readability"]
        known = DEFAULT_KNOWN_ACRONYMS | frozenset(ctx.options["known_acronyms"])
        everything = "\n".join(readable(p.text) for node in flow.nodes.values() for p in node.prompt)
        never_explained = {a for _, _, a in unexplained_acronyms(everything, known, lang)}
        reported: set[str] = set()
        for node in flow.nodes.values():
            for prompt in node.prompt:
                text = readable(prompt.text)
                for sentence in split_sentences(text):
                    words = sentence_word_count(sentence, lang)
                    if words > max_words:
                        yield Report(f"a sentence of {words} words (limit {max_words}) in {node.id!r}: "
                                     f"\"{_clip(sentence)}\"", node=node, pos=prompt.pos)
                for _, _, acronym in unexplained_acronyms(text, known, lang):
                    if acronym in never_explained and acronym not in reported:
                        reported.add(acronym)
                        yield Report(f"acronym {acronym} is not explained to callers (say what it stands for "
                                     "once, or add it to known_acronyms)", node=node, pos=prompt.pos)
                score = readability(text, lang)
                if score is not None and score < floor:
                    yield Report(f"the prompt of {node.id!r} reads hard (readability {score:.0f}, minimum "
                                 f"{floor:.0f}): shorter sentences and words", node=node, pos=prompt.pos)


def _clip(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")
